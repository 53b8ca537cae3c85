package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.UnaryOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.bool.IsNaN;
import org.nd4j.linalg.api.ops.impl.transforms.custom.EqualTo;
import org.nd4j.linalg.api.ops.impl.transforms.custom.GreaterThan;
import org.nd4j.linalg.api.ops.impl.transforms.custom.GreaterThanOrEqual;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LessThan;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LessThanOrEqual;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Min;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Reciprocal;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.util.Arrays;

/**
 * Elementwise unary and broadcasting binary ops on ND4J's transform and broadcastable pairwise ops. Results are
 * allocated in the layout of the (full-shape) input, see {@link Layouts}.
 *
 * <p>Semantic fix-ups where libnd4j differs from the SPI definitions ({@link UnaryOp#apply}, {@link BinaryOp#apply}):
 * libnd4j's {@code maximum}/{@code minimum} return the second operand when the first is NaN, while the SPI (like
 * {@code torch.maximum}) propagates NaN; when either input holds a NaN, the result gets NaN there (sqrt(−1)
 * markers, all in ND4J). ReLU, sign of NaN follow the SPI via the same marker.
 */
final class Elementwise {
    private Elementwise() {}

    static INDArray unary(UnaryOp op, INDArray x) {
        INDArray z = Layouts.allocLike(x);
        if (x.length() == 0) return z;
        Op o;
        switch (op) {
            case NEG: o = new Negative(x, z); break;
            case ABS: o = new Abs(x, z); break;
            case EXP: o = new Exp(x, z); break;
            case LOG: o = new Log(x, z); break;
            case SQRT: o = new Sqrt(x, z); break;
            case SQUARE: o = new Square(x, z); break;
            case RECIPROCAL: o = new Reciprocal(x, z); break;
            case RELU: o = new RectifiedLinear(x, z, 0.0); break;
            case SIGMOID: o = new Sigmoid(x, z); break;
            case TANH: o = new Tanh(x, z); break;
            case SIGN: o = new Sign(x, z); break;
            default: throw new AssertionError(op);
        }
        Nd4j.exec(o);
        if (op == UnaryOp.RELU || op == UnaryOp.SIGN) {
            // SPI: relu(NaN) = 0 (x > 0 ? x : 0); sign(NaN) = NaN. libnd4j gives the opposite for both.
            if (countNaN(x) > 0) {
                if (op == UnaryOp.RELU) BooleanIndexing.replaceWhere(z, 0.0, Conditions.isNan());
                else z.addi(nanMarker(x));
            }
        }
        return z;
    }

    static INDArray binary(BinaryOp op, INDArray a, INDArray b) {
        long[] as = a.shape(), bs = b.shape();
        int[] out = Shapes.broadcast(op.name().toLowerCase(), Matmul.ints(as), Matmul.ints(bs));
        long[] outL = Nd4jTypes.longs(out);
        if (as.length < out.length) a = a.reshape('c', withLeadingOnes(as, out.length));
        if (bs.length < out.length) b = b.reshape('c', withLeadingOnes(bs, out.length));
        DataType type = a.dataType();
        boolean compare = op.ordinal() >= BinaryOp.GT.ordinal();
        INDArray z = Arrays.equals(a.shape(), outL) ? Layouts.allocLike(a, compare ? DataType.BOOL : type)
                : Arrays.equals(b.shape(), outL) ? Layouts.allocLike(b, compare ? DataType.BOOL : type)
                : Nd4j.createUninitialized(compare ? DataType.BOOL : type, outL, 'c');
        if (z.length() == 0) return compare ? Nd4j.create(type, outL, 'c') : z;
        CustomOp o;
        switch (op) {
            case ADD: o = new AddOp(a, b, z); break;
            case SUB: o = new SubOp(a, b, z); break;
            case MUL: o = new MulOp(a, b, z); break;
            case DIV: o = new DivOp(a, b, z); break;
            case MAX: o = new Max(a, b, z); break;
            case MIN: o = new Min(a, b, z); break;
            case POW: o = DynamicCustomOp.builder("Pow").addInputs(a, b).addOutputs(z).build(); break;
            case GT: o = new GreaterThan(a, b, z); break;
            case GE: o = new GreaterThanOrEqual(a, b, z); break;
            case LT: o = new LessThan(a, b, z); break;
            case LE: o = new LessThanOrEqual(a, b, z); break;
            case EQ: o = new EqualTo(a, b, z); break;
            default: throw new AssertionError(op);
        }
        Nd4j.exec(o);
        if (compare) return castBool(z, type);
        if ((op == BinaryOp.MAX || op == BinaryOp.MIN) && (countNaN(a) > 0 || countNaN(b) > 0)) {
            INDArray ma = nanMarker(a), mb = nanMarker(b);
            Nd4j.exec(new AddOp(z, ma, z));
            Nd4j.exec(new AddOp(z, mb, z));
        }
        return z;
    }

    static INDArray binary(BinaryOp op, INDArray a, double scalar) {
        return binary(op, a, Nd4j.scalar(a.dataType(), scalar));
    }

    /** A bool mask as 1.0/0.0 in the operands' dtype, in the mask's layout. */
    private static INDArray castBool(INDArray mask, DataType type) {
        INDArray r = Layouts.allocLike(mask, type);
        r.assign(mask);
        return r;
    }

    /** Number of NaN elements (an ND4J reduction). */
    static long countNaN(INDArray x) {
        if (x.length() == 0) return 0;
        return Nd4j.getExecutioner().exec(new MatchCondition(x, Conditions.isNan())).getLong(0);
    }

    /** 0 where x is a number, NaN where x is NaN: sqrt(−isNaN(x)). */
    private static INDArray nanMarker(INDArray x) {
        INDArray isNan = Layouts.allocLike(x, DataType.BOOL);
        Nd4j.exec(new IsNaN(x, isNan));
        INDArray m = castBool(isNan, x.dataType()).negi();
        Nd4j.exec(new Sqrt(m, m));
        return m;
    }

    private static long[] withLeadingOnes(long[] s, int rank) {
        long[] r = new long[rank];
        Arrays.fill(r, 1);
        System.arraycopy(s, 0, r, rank - s.length, s.length);
        return r;
    }
}
