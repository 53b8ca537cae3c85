package io.cnn4j.tensor;

/**
 * The special functions of {@link Backend}, written once on the elementwise primitives: their definitions.
 *
 * <p>{@link #erf} is W. J. Cody's rational Chebyshev approximation ("Rational Chebyshev approximations for the error
 * function", Math. Comp. 23, 1969; the coefficients of netlib's SPECFUN {@code CALERF}), whose three intervals
 * become three branches evaluated on every element and blended with 0/1 masks. Each branch reads its argument
 * clamped into its own interval, so no branch produces ∞ or NaN for an element another branch owns (a 0 mask times
 * a finite value is 0). The conformance kit requires a FLOAT64 relative error ≤ 1e-12 against high-precision values
 * from all three intervals on every backend; erf(±∞) = ±1, erf(±0) = ±0, erf(NaN) = NaN, as {@code torch.erf}.
 */
public final class CompositeSpecialFunctions {
    private CompositeSpecialFunctions() {}

    private static final double SMALL = 0.46875, MEDIUM = 4.0, LARGE = 27.0;   // erfc(27) underflows to 0
    private static final double ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;
    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
            3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
            2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
            2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
            1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
            1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
            1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
            1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
            6.05183413124413191e-2, 2.33520497626869185e-3};

    /** {@link Backend#erf}: the error function 2/√π·∫₀ˣ e^(−t²) dt, elementwise, any shape. */
    public static Tensor erf(Backend b, Tensor x) {
        Shapes.requireCompatible("erf", b, x);
        Tensor a = b.unary(UnaryOp.ABS, x);
        Tensor small = b.binary(BinaryOp.LE, a, SMALL), large = b.binary(BinaryOp.GT, a, MEDIUM);
        Tensor medium = b.binary(BinaryOp.SUB, b.binary(BinaryOp.SUB, b.binary(BinaryOp.MUL, small, -1.0), large), -1.0);
        Tensor erfAbs = b.binary(BinaryOp.ADD,
                b.binary(BinaryOp.MUL, small, erfSmall(b, b.binary(BinaryOp.MIN, a, SMALL))),
                b.binary(BinaryOp.ADD,
                        b.binary(BinaryOp.MUL, medium, oneMinus(b, erfcMedium(b, clamp(b, a, SMALL, MEDIUM)))),
                        b.binary(BinaryOp.MUL, large, oneMinus(b, erfcLarge(b, clamp(b, a, MEDIUM, LARGE))))));
        return b.binary(BinaryOp.MUL, b.unary(UnaryOp.SIGN, x), erfAbs);
    }

    /** erf(y) for 0 ≤ y ≤ 0.46875: y·A(y²)/B(y²). */
    private static Tensor erfSmall(Backend b, Tensor y) {
        Tensor ysq = b.binary(BinaryOp.MUL, y, y);
        Tensor num = b.binary(BinaryOp.MUL, ysq, A[4]), den = ysq;
        for (int i = 0; i < 3; i++) {
            num = b.binary(BinaryOp.MUL, b.binary(BinaryOp.ADD, num, A[i]), ysq);
            den = b.binary(BinaryOp.MUL, b.binary(BinaryOp.ADD, den, B[i]), ysq);
        }
        return b.binary(BinaryOp.DIV, b.binary(BinaryOp.MUL, y, b.binary(BinaryOp.ADD, num, A[3])), b.binary(BinaryOp.ADD, den, B[3]));
    }

    /** erfc(y) for 0.46875 ≤ y ≤ 4: e^(−y²)·C(y)/D(y). */
    private static Tensor erfcMedium(Backend b, Tensor y) {
        Tensor num = b.binary(BinaryOp.MUL, y, C[8]), den = y;
        for (int i = 0; i < 7; i++) {
            num = b.binary(BinaryOp.MUL, b.binary(BinaryOp.ADD, num, C[i]), y);
            den = b.binary(BinaryOp.MUL, b.binary(BinaryOp.ADD, den, D[i]), y);
        }
        return b.binary(BinaryOp.MUL, expMinusSquare(b, y), b.binary(BinaryOp.DIV, b.binary(BinaryOp.ADD, num, C[7]), b.binary(BinaryOp.ADD, den, D[7])));
    }

    /** erfc(y) for y ≥ 4: e^(−y²)/y·(1/√π − z·P(z)/Q(z)) with z = 1/y². */
    private static Tensor erfcLarge(Backend b, Tensor y) {
        Tensor z = b.unary(UnaryOp.RECIPROCAL, b.binary(BinaryOp.MUL, y, y));
        Tensor num = b.binary(BinaryOp.MUL, z, P[5]), den = z;
        for (int i = 0; i < 4; i++) {
            num = b.binary(BinaryOp.MUL, b.binary(BinaryOp.ADD, num, P[i]), z);
            den = b.binary(BinaryOp.MUL, b.binary(BinaryOp.ADD, den, Q[i]), z);
        }
        Tensor r = b.binary(BinaryOp.DIV, b.binary(BinaryOp.MUL, z, b.binary(BinaryOp.ADD, num, P[4])), b.binary(BinaryOp.ADD, den, Q[4]));
        Tensor series = b.binary(BinaryOp.DIV, b.binary(BinaryOp.ADD, b.unary(UnaryOp.NEG, r), ONE_OVER_SQRT_PI), y);
        return b.binary(BinaryOp.MUL, expMinusSquare(b, y), series);
    }

    private static Tensor expMinusSquare(Backend b, Tensor y) {
        return b.unary(UnaryOp.EXP, b.unary(UnaryOp.NEG, b.binary(BinaryOp.MUL, y, y)));
    }

    private static Tensor oneMinus(Backend b, Tensor t) { return b.binary(BinaryOp.ADD, b.unary(UnaryOp.NEG, t), 1.0); }

    private static Tensor clamp(Backend b, Tensor t, double lo, double hi) {
        return b.binary(BinaryOp.MAX, b.binary(BinaryOp.MIN, t, hi), lo);
    }
}
