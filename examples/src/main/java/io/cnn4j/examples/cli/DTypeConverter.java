package io.cnn4j.examples.cli;

import io.cnn4j.tensor.DType;
import picocli.CommandLine;

import java.util.Locale;

/** Parses {@code --dtype}: {@code f32}/{@code float32} or {@code f64}/{@code float64} (case-insensitive). */
public final class DTypeConverter implements CommandLine.ITypeConverter<DType> {

    @Override
    public DType convert(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "f32": case "float32": case "float": return DType.FLOAT32;
            case "f64": case "float64": case "double": return DType.FLOAT64;
            default:
                throw new CommandLine.TypeConversionException("unknown dtype '" + value + "'; use f32 or f64");
        }
    }

    /** The short name used in output and JSON: "f32" or "f64". */
    public static String shortName(DType t) { return t == DType.FLOAT32 ? "f32" : "f64"; }
}
