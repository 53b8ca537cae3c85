package io.cnn4j.io;

import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads model state as safetensors with PyTorch state_dict names ({@code 0.weight}, {@code 1.running_mean}),
 * so a cnn4j checkpoint loads in PyTorch ({@code safetensors.torch.load_file} + {@code load_state_dict}) and back.
 *
 * <p>Saving is atomic (temporary file + atomic rename). Loading is all-or-nothing: the file is fully validated
 * ({@link SafeTensors#read}) and every key and shape is checked against the target before a single value is
 * copied, so a failed load leaves the module untouched. Values are converted to each target tensor's dtype.
 *
 * <p>PyTorch checkpoints load directly: {@code *.num_batches_tracked} entries (PyTorch's BatchNorm step counter,
 * not a weight) are skipped when the module has no such key, and PyTorch loads cnn4j files that lack them.
 *
 * <p>The same machinery saves arbitrary named tensors (e.g. optimizer state) with string metadata:
 * {@link #saveTensors} / {@link #loadTensors} / {@link #loadInto}.
 */
public final class Checkpoint {
    private Checkpoint() {}

    /** Saves {@code module.stateDict()} to {@code file} (atomically). */
    public static void save(Module module, Path file) throws IOException {
        save(module, file, Map.of());
    }

    /** Saves {@code module.stateDict()} with {@code metadata} (stored as {@code __metadata__}). */
    public static void save(Module module, Path file, Map<String, String> metadata) throws IOException {
        saveTensors(file, module.stateDict(), metadata);
    }

    /**
     * Loads {@code file} into {@code module}'s parameters and buffers. Throws {@link IllegalArgumentException}
     * listing every missing, unexpected and shape-mismatched name (the module is then unchanged), or
     * {@link SafeTensorsFormatException} for a corrupt file. Returns the file's metadata.
     */
    public static Map<String, String> load(Module module, Path file) throws IOException {
        SafeTensorsFile f = SafeTensors.read(file);
        Map<String, Tensor> targets = module.stateDict();
        Map<String, HostTensor> source = new LinkedHashMap<>(f.tensors());
        // PyTorch's BatchNorm saves an I64 step counter that cnn4j does not keep; it carries no weights.
        source.keySet().removeIf(k -> isBatchCounter(k) && !targets.containsKey(k));
        copyInto(targets, source, "module " + module.getClass().getSimpleName() + " from " + file);
        return f.metadata();
    }

    private static boolean isBatchCounter(String key) {
        return key.equals("num_batches_tracked") || key.endsWith(".num_batches_tracked");
    }

    /** Saves named tensors (any backend, any dtype; stored in their own dtype) with metadata, atomically. */
    public static void saveTensors(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, HostTensor> host = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) host.put(e.getKey(), HostTensor.of(e.getValue()));
        SafeTensors.write(file, host, metadata);
    }

    /** Reads and validates a file: host tensors and metadata. */
    public static SafeTensorsFile loadTensors(Path file) throws IOException {
        return SafeTensors.read(file);
    }

    /**
     * Copies the tensors of {@code file} into {@code targets} (same names, same shapes; each converted to its
     * target's dtype), all or nothing. {@code what} names the target in error messages (e.g. "optimizer SGD").
     * Returns the file's metadata.
     */
    public static Map<String, String> loadInto(Map<String, Tensor> targets, Path file, String what) throws IOException {
        SafeTensorsFile f = SafeTensors.read(file);
        copyInto(targets, f.tensors(), what + " from " + file);
        return f.metadata();
    }

    /**
     * Validates that {@code source} has exactly the keys of {@code targets} with equal shapes, then copies every
     * value (converting dtype). Throws {@link IllegalArgumentException} listing all problems before copying anything.
     */
    public static void copyInto(Map<String, Tensor> targets, Map<String, HostTensor> source, String what) {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : targets.entrySet()) {
            HostTensor h = source.get(e.getKey());
            if (h == null) missing.add(e.getKey());
            else if (!Arrays.equals(h.shape(), e.getValue().shape()))
                mismatched.add(e.getKey() + ": checkpoint " + Arrays.toString(h.shape()) + " vs expected " + Arrays.toString(e.getValue().shape()));
        }
        for (String k : source.keySet()) if (!targets.containsKey(k)) unexpected.add(k);
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
            StringBuilder sb = new StringBuilder("cannot load state into ").append(what).append(": nothing was loaded.");
            if (!missing.isEmpty()) sb.append("\n  missing keys: ").append(missing);
            if (!unexpected.isEmpty()) sb.append("\n  unexpected keys: ").append(unexpected);
            if (!mismatched.isEmpty()) sb.append("\n  shape mismatches: ").append(mismatched);
            sb.append("\n  (the checkpoint must come from the same architecture; expected keys: ").append(targets.keySet()).append(')');
            throw new IllegalArgumentException(sb.toString());
        }
        // Upload everything first so that a failing upload cannot leave a half-loaded module.
        List<Tensor> destinations = new ArrayList<>(targets.values());
        List<Tensor> staged = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : targets.entrySet()) {
            Tensor dst = e.getValue();
            staged.add(source.get(e.getKey()).toTensor(dst.backend(), dst.dtype()));
        }
        for (int i = 0; i < staged.size(); i++) destinations.get(i).backend().copy(staged.get(i), destinations.get(i));
    }
}
