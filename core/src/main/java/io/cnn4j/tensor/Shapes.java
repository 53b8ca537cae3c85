package io.cnn4j.tensor;

import java.util.Arrays;

/** Shape arithmetic and validation shared by every backend and layer, so error messages read the same everywhere. */
public final class Shapes {
    private Shapes() {}

    /**
     * Product of the dimensions, computed exactly: throws {@link IllegalArgumentException} on a negative dimension
     * and {@link ArithmeticException} when the product does not fit in a long (a corrupt or hostile shape).
     */
    public static long numel(int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n = Math.multiplyExact(n, (long) d);
        }
        return n;
    }

    /**
     * {@link #numel} as an int, for sizing one Java array: throws {@link IllegalArgumentException} naming {@code what}
     * and the shape when the product exceeds what an array can hold.
     */
    public static int numelInt(String what, int... shape) {
        long n;
        try {
            n = numel(shape);
        } catch (ArithmeticException e) {
            n = Long.MAX_VALUE;
        }
        if (n > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException(what + ": shape " + Arrays.toString(shape) + " has " + (n == Long.MAX_VALUE ? "more than 2^63" : n)
                    + " elements, more than one Java array can hold");
        return (int) n;
    }

    /** Row-major strides (in elements) of a shape; throws {@link ArithmeticException} when a stride overflows an int. */
    public static int[] strides(int... shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc = Math.multiplyExact(acc, shape[i]);
        }
        return s;
    }

    /** Maps a possibly negative axis into [0, rank); throws naming {@code op} when out of range. */
    public static int normalizeAxis(int axis, int rank, String op) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new IllegalArgumentException(op + ": axis " + axis + " out of range for rank " + rank);
        return a;
    }

    /** NumPy broadcast of two shapes; throws naming {@code op} and both shapes when incompatible. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1)
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " cannot be broadcast (axis " + i + ": " + da + " vs " + db + ")");
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Validates the axes of {@link Backend#permute} for a tensor of {@code shape} and returns them normalized to
     * [0, rank) (negative axes count from the end, as in PyTorch). Every backend calls this, so a bad permutation gets
     * the same message everywhere.
     */
    public static int[] permutation(int[] shape, int... axes) {
        int rank = shape.length;
        if (axes == null || axes.length != rank)
            throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes) + " must be a permutation of 0.."
                    + (rank - 1) + " for shape " + str(shape));
        boolean[] seen = new boolean[rank];
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            int a = normalizeAxis(axes[i], rank, "permute");
            if (seen[a]) throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes)
                    + " repeat axis " + a + "; must be a permutation of 0.." + (rank - 1) + " for shape " + str(shape));
            seen[a] = true;
            perm[i] = a;
        }
        return perm;
    }

    /** The shape {@link Backend#permute} returns: result axis i is input axis {@code perm[i]} (from {@link #permutation}). */
    public static int[] permuted(int[] shape, int[] perm) {
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) out[i] = shape[perm[i]];
        return out;
    }

    /**
     * Validates {@link Backend#slice} ({@code 0 <= start}, {@code 0 <= length}, {@code start + length <= size} of the
     * axis) and returns the axis normalized to [0, rank). The result shape is {@code shape} with that axis set to
     * {@code length}.
     */
    public static int sliceAxis(int[] shape, int axis, int start, int length) {
        int ax = normalizeAxis(axis, shape.length, "slice");
        if (start < 0 || length < 0 || (long) start + length > shape[ax])
            throw new IllegalArgumentException("slice: range start=" + start + " length=" + length + " is outside axis " + axis
                    + " of size " + shape[ax] + " in shape " + str(shape) + "; need 0 <= start and start+length <= " + shape[ax]);
        return ax;
    }

    /**
     * Validates {@link Backend#concat} (at least one tensor, rank at least 1, every dimension but {@code axis} equal)
     * and returns the result shape. The tensors' backend and dtype are checked separately
     * ({@link #requireCompatible}).
     */
    public static int[] concatenated(int axis, Tensor... xs) {
        if (xs == null || xs.length == 0) throw new IllegalArgumentException("concat: needs at least one tensor, got none");
        int[] first = xs[0].shape();
        int rank = first.length;
        if (rank == 0) throw new IllegalArgumentException("concat: cannot concatenate scalars (shape [])");
        int ax = normalizeAxis(axis, rank, "concat");
        int[] out = first.clone();
        out[ax] = 0;
        for (Tensor t : xs) {
            int[] s = t.shape();
            boolean ok = s.length == rank;
            for (int i = 0; ok && i < rank; i++) if (i != ax && s[i] != first[i]) ok = false;
            if (!ok) {
                StringBuilder all = new StringBuilder();
                for (Tensor u : xs) all.append(all.length() == 0 ? "" : ", ").append(str(u.shape()));
                throw new IllegalArgumentException("concat: shapes " + all + " differ outside axis " + axis
                        + "; all dimensions except the concatenation axis must agree");
            }
            out[ax] += s[ax];
        }
        return out;
    }

    /** Resolves a reshape target (one -1 allowed) against an element count; throws naming both shapes. */
    public static int[] resolveReshape(int[] from, int[] to) {
        long n = numel(from);
        int infer = -1;
        long known = 1;
        for (int i = 0; i < to.length; i++) {
            if (to[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape: only one -1 allowed in " + Arrays.toString(to));
                infer = i;
            } else if (to[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid dimension " + to[i] + " in " + Arrays.toString(to));
            } else {
                known = Math.multiplyExact(known, (long) to[i]);
            }
        }
        int[] out = to.clone();
        if (infer >= 0) {
            if (known == 0 || n % known != 0)
                throw new IllegalArgumentException("reshape: cannot reshape " + Arrays.toString(from) + " (" + n + " elements) to " + Arrays.toString(to));
            out[infer] = (int) (n / known);
        }
        if (numel(out) != n)
            throw new IllegalArgumentException("reshape: cannot reshape " + Arrays.toString(from) + " (" + n + " elements) to "
                    + Arrays.toString(to) + " (" + numel(out) + " elements)");
        return out;
    }

    /** Throws unless both tensors have the same shape. */
    public static void requireSameShape(String op, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape()))
            throw new IllegalArgumentException(op + ": shapes differ: " + Arrays.toString(a.shape()) + " vs " + Arrays.toString(b.shape()));
    }

    /** Throws unless {@code t} has the given rank, naming {@code who} and the expected layout (e.g. "[N,C,H,W]"). */
    public static void requireRank(String who, Tensor t, int rank, String layout) {
        if (t.rank() != rank)
            throw new IllegalArgumentException(who + ": expected a " + rank + "-D input " + layout + ", got shape " + Arrays.toString(t.shape()));
    }

    /** Throws unless all tensors share one dtype and belong to {@code backend}. */
    public static void requireCompatible(String op, Backend backend, Tensor... ts) {
        DType dt = null;
        for (Tensor t : ts) {
            if (t.backend() != backend)
                throw new IllegalArgumentException(op + ": tensor belongs to backend '" + t.backend().name() + "', not '" + backend.name()
                        + "'; move it with backend.fromArray(t.toDoubleArray(), ...) first");
            if (dt == null) dt = t.dtype();
            else if (dt != t.dtype())
                throw new IllegalArgumentException(op + ": dtypes differ (" + dt + " vs " + t.dtype() + "); cast one operand first");
        }
    }

    /** Shape as "[a, b, c]". */
    public static String str(int... shape) { return Arrays.toString(shape); }
}
