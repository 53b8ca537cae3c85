package io.cnn4j.jcuda;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.UnaryOp;

/**
 * The integer op codes understood by the elementwise kernels ({@code src/main/cuda/elementwise.cu}). Spelled out
 * explicitly rather than using {@code ordinal()} so that reordering the SPI enums cannot silently change which
 * function a kernel computes; {@code OpCodesTest} checks every enum constant has a distinct code.
 */
final class OpCodes {
    private OpCodes() {}

    static int of(UnaryOp op) {
        switch (op) {
            case NEG: return 0;
            case ABS: return 1;
            case EXP: return 2;
            case LOG: return 3;
            case SQRT: return 4;
            case SQUARE: return 5;
            case RECIPROCAL: return 6;
            case RELU: return 7;
            case SIGMOID: return 8;
            case TANH: return 9;
            case SIGN: return 10;
            default: throw new IllegalArgumentException("jcuda: no kernel for unary op " + op);
        }
    }

    static int of(BinaryOp op) {
        switch (op) {
            case ADD: return 0;
            case SUB: return 1;
            case MUL: return 2;
            case DIV: return 3;
            case MAX: return 4;
            case MIN: return 5;
            case POW: return 6;
            case GT: return 7;
            case GE: return 8;
            case LT: return 9;
            case LE: return 10;
            case EQ: return 11;
            default: throw new IllegalArgumentException("jcuda: no kernel for binary op " + op);
        }
    }
}
