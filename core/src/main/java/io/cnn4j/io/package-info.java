/**
 * Checkpoints and tensor files in the safetensors format (the Hugging Face / PyTorch format), so weights move
 * between cnn4j and PyTorch both ways: {@link io.cnn4j.io.SafeTensors} (validating reader, atomic writer),
 * {@link io.cnn4j.io.Checkpoint} (a module's state_dict, or any named tensors such as optimizer state, with
 * all-or-nothing loading), {@link io.cnn4j.io.HostTensor} (backend-independent host data).
 */
package io.cnn4j.io;
