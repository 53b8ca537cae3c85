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
import org.nd4j.linalg.api.ops.impl.scalar.Pow;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.comparison.ScalarEquals;
import org.nd4j.linalg.api.ops.impl.scalar.comparison.ScalarGreaterThan;
import org.nd4j.linalg.api.ops.impl.scalar.comparison.ScalarGreaterThanOrEqual;
import org.nd4j.linalg.api.ops.impl.scalar.comparison.ScalarLessThan;
import org.nd4j.linalg.api.ops.impl.scalar.comparison.ScalarLessThanOrEqual;
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
 * Elementwise unary and broadcasting binary ops on ND4J's transform, scalar and broadcastable pairwise ops. Inputs
 * that are not plain row-major arrays are first copied into one (libnd4j's kernels are 10-100× slower on permuted
 * views); results are plain row-major.
 *
 * <p>Semantic fix-ups where libnd4j differs from the SPI definitions ({@link UnaryOp#apply}, {@link BinaryOp#apply}):
 * libnd4j's {@code maximum}/{@code minimum} return the second operand when the first is NaN, while the SPI (like
 * {@code torch.maximum}) propagates NaN; when either input holds a NaN, the result gets NaN there (sqrt(−1)
 * markers, all in ND4J). Sign of NaN follows the SPI via the same marker; ReLU is max(x, 0), whose libnd4j form
 * (x > 0 ? x : 0) already maps NaN to 0 as the SPI does.
 */
final class Elementwise {
    private Elementwise() {}

    static INDArray unary(UnaryOp op, INDArray x) {
        x = Layouts.plainC(x);
        INDArray z = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
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
            case RELU: o = new ScalarMax(x, null, z, 0.0); break; // max(x, 0) as x > 0 ? x : 0: NaN and -0 give +0, as the SPI
            case SIGMOID: o = new Sigmoid(x, z); break;
            case TANH: o = new Tanh(x, z); break;
            case SIGN: o = new Sign(x, z); break;
            default: throw new AssertionError(op);
        }
        Nd4j.exec(o);
        // SPI: sign(NaN) = NaN; libnd4j gives 0.
        if (op == UnaryOp.SIGN && countNaN(x) > 0) z.addi(nanMarker(x));
        return z;
    }

    static INDArray binary(BinaryOp op, INDArray a, INDArray b) {
        long[] as = a.shape(), bs = b.shape();
        int[] out = Shapes.broadcast(op.name().toLowerCase(), Matmul.ints(as), Matmul.ints(bs));
        long[] outL = Nd4jTypes.longs(out);
        a = Layouts.plainC(a);
        b = Layouts.plainC(b);
        if (as.length < out.length) a = a.reshape('c', withLeadingOnes(as, out.length));
        if (bs.length < out.length) b = b.reshape('c', withLeadingOnes(bs, out.length));
        DataType type = a.dataType();
        boolean compare = op.ordinal() >= BinaryOp.GT.ordinal();
        INDArray z = Nd4j.createUninitialized(compare ? DataType.BOOL : type, outL, 'c');
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

    /** {@code op(a, scalar)} with libnd4j's scalar kernels (no broadcasting machinery). */
    static INDArray binary(BinaryOp op, INDArray a, double scalar) {
        a = Layouts.plainC(a);
        DataType type = a.dataType();
        boolean compare = op.ordinal() >= BinaryOp.GT.ordinal();
        INDArray z = Nd4j.createUninitialized(compare ? DataType.BOOL : type, a.shape(), 'c');
        if (a.length() == 0) return compare ? Nd4j.create(type, a.shape(), 'c') : z;
        Op o;
        switch (op) {
            case ADD: o = new ScalarAdd(a, null, z, scalar); break;
            case SUB: o = new ScalarSubtraction(a, null, z, scalar); break;
            case MUL: o = new ScalarMultiplication(a, null, z, scalar); break;
            case DIV: o = new ScalarDivision(a, null, z, scalar); break;
            case MAX: o = new ScalarMax(a, null, z, scalar); break;
            case MIN: o = new ScalarMin(a, null, z, scalar); break;
            case POW: o = new Pow(a, z, scalar); break;
            case GT: o = new ScalarGreaterThan(a, z, scalar); break;
            case GE: o = new ScalarGreaterThanOrEqual(a, z, scalar); break;
            case LT: o = new ScalarLessThan(a, z, scalar); break;
            case LE: o = new ScalarLessThanOrEqual(a, z, scalar); break;
            case EQ: o = new ScalarEquals(a, z, scalar); break;
            default: throw new AssertionError(op);
        }
        Nd4j.exec(o);
        if (compare) return castBool(z, type);
        if (op == BinaryOp.MAX || op == BinaryOp.MIN) {
            if (Double.isNaN(scalar)) z.assign(Double.NaN);
            else if (countNaN(a) > 0) z.addi(nanMarker(a));
        }
        return z;
    }

    /** A bool mask as 1.0/0.0 in the operands' dtype, in the mask's layout. */
    private static INDArray castBool(INDArray mask, DataType type) {
        INDArray r = Nd4j.createUninitialized(type, mask.shape(), 'c');
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
        INDArray isNan = Nd4j.createUninitialized(DataType.BOOL, x.shape(), 'c');
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
