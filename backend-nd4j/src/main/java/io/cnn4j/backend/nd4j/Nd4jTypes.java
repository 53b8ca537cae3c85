package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.DType;
import org.nd4j.linalg.api.buffer.DataType;

/** Mapping between cnn4j dtypes and ND4J data types, and int/long shape conversions. */
final class Nd4jTypes {
    private Nd4jTypes() {}

    static DataType nd4j(DType d) {
        return d == DType.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT;
    }

    static DType dtype(DataType t) {
        switch (t) {
            case FLOAT: return DType.FLOAT32;
            case DOUBLE: return DType.FLOAT64;
            default: throw new IllegalStateException("nd4j backend: unexpected ND4J data type " + t + " (only FLOAT and DOUBLE are used)");
        }
    }

    static long[] longs(int... shape) {
        long[] l = new long[shape.length];
        for (int i = 0; i < shape.length; i++) l[i] = shape[i];
        return l;
    }
}
