package io.cnn4j.tensor;

/** Element types every backend must support. Data is always logically row-major (C order). */
public enum DType {
    FLOAT32(4, "F32"),
    FLOAT64(8, "F64");

    private final int byteSize;
    private final String safetensorsName;

    DType(int byteSize, String safetensorsName) {
        this.byteSize = byteSize;
        this.safetensorsName = safetensorsName;
    }

    /** Bytes per element. */
    public int byteSize() { return byteSize; }

    /** The dtype string used in safetensors headers ("F32", "F64"). */
    public String safetensorsName() { return safetensorsName; }

    /** Parses a safetensors dtype string; throws for dtypes cnn4j does not support. */
    public static DType fromSafetensors(String name) {
        for (DType d : values()) if (d.safetensorsName.equals(name)) return d;
        throw new IllegalArgumentException("unsupported safetensors dtype '" + name + "': cnn4j supports F32 and F64");
    }
}
