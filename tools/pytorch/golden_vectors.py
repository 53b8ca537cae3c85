#!/usr/bin/python3
"""Golden vectors for the conformance kit, computed by PyTorch (Debian's python3-torch, 1.13).

  /usr/bin/python3 tools/pytorch/golden_vectors.py backend-tck/src/main/resources/io/cnn4j/tck/vectors

writes one <case>.safetensors per case below (same format as the bundled vectors, see the README there) and
appends the cases that index.json does not list yet. Inputs are drawn with
torch.Generator().manual_seed(seed) as float32 uniform in [-1, 1) in the order the tensors are listed; the
results are computed in float64 from those float32 inputs and rounded to float32. Every file records the torch
version in __metadata__.torch_version.
"""
import json, os, sys
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cnn4j_interop import save_safetensors  # noqa: E402

CASES = []


def case(fn):
    CASES.append(fn)
    return fn


def uniform(g, *shape):
    return torch.rand(*shape, generator=g, dtype=torch.float32) * 2 - 1


def distinct(g, *shape):
    """Distinct values (evenly spaced in [-1, 1], randomly placed): no ties in a max-pooling window."""
    n = 1
    for s in shape:
        n *= s
    v = torch.linspace(-1, 1, n, dtype=torch.float32)
    return v[torch.randperm(n, generator=g)].reshape(*shape)


def pair(p):
    return "%d,%d" % ((p, p) if isinstance(p, int) else tuple(p))


def layer_case(cid, op, seed, x, fn, params=None, meta=None, x_kind=uniform):
    """L = sum(y * dy): y = fn(x, *params); gradients w.r.t. x and the named params."""
    g = torch.Generator().manual_seed(seed)
    xs = x_kind(g, *x)
    ps = {k: (v(g) if callable(v) else v) for k, v in (params or {}).items()}
    x64 = xs.double().requires_grad_(True)
    p64 = {k: v.double().requires_grad_(k in ("weight", "bias")) for k, v in ps.items()}
    y = fn(x64, p64)
    dy = uniform(g, *y.shape)
    (y * dy.double()).sum().backward()
    t = {"x": xs}
    t.update(ps)
    t["dy"] = dy
    t["y"] = y.detach().float()
    t["dx"] = x64.grad.float()
    for k in ("weight", "bias"):
        if k in p64 and p64[k].grad is not None:
            t["d" + k] = p64[k].grad.float()
    return finish(cid, op, seed, t, meta, list(x), list(y.shape))


def finish(cid, op, seed, tensors, meta, in_shape, out_shape):
    m = {"case": cid, "op": op, "torch_version": torch.__version__,
         "generator": "torch.Generator().manual_seed(%d), float32 uniform [-1,1) in tensor order" % seed,
         "computed": "float64 from the float32 inputs, rounded to float32",
         "input_shape": ",".join(map(str, in_shape)), "output_shape": ",".join(map(str, out_shape))}
    m.update(meta or {})
    return cid, tensors, m


# ---------------------------------------------------------------- BatchNorm2d (train and eval)

def bn_case(cid, seed, shape, training, eps=1e-5, momentum=0.1):
    c = shape[1]
    g = torch.Generator().manual_seed(seed)
    x = uniform(g, *shape)
    w = uniform(g, c)
    b = uniform(g, c)
    rm = uniform(g, c) * 0.5
    rv = uniform(g, c) * 0.5 + 1.0
    x64 = x.double().requires_grad_(True)
    w64, b64 = w.double().requires_grad_(True), b.double().requires_grad_(True)
    rm64, rv64 = rm.double().clone(), rv.double().clone()
    y = F.batch_norm(x64, rm64, rv64, w64, b64, training=training, momentum=momentum, eps=eps)
    dy = uniform(g, *y.shape)
    (y * dy.double()).sum().backward()
    t = {"x": x, "weight": w, "bias": b, "running_mean": rm, "running_var": rv, "dy": dy, "y": y.detach().float(),
         "dx": x64.grad.float(), "dweight": w64.grad.float(), "dbias": b64.grad.float()}
    if training:
        t["running_mean_after"] = rm64.float()
        t["running_var_after"] = rv64.float()
    return finish(cid, "batch_norm2d", seed, t, {"training": str(training).lower(), "eps": repr(eps), "momentum": repr(momentum)},
                  shape, list(y.shape))


@case
def bn_train_00(): return bn_case("batch_norm2d_train_00", 101, [4, 3, 3, 3], True)
@case
def bn_train_01(): return bn_case("batch_norm2d_train_01", 102, [2, 5, 4, 2], True, eps=1e-3, momentum=0.3)
@case
def bn_eval_00(): return bn_case("batch_norm2d_eval_00", 103, [3, 4, 3, 5], False)

# ---------------------------------------------------------------- CrossEntropyLoss


def ce_case(cid, seed, n, k, minus_inf=()):
    g = torch.Generator().manual_seed(seed)
    x = uniform(g, n, k) * 3
    target = torch.randint(0, k, (n,), generator=g)
    for (i, j) in minus_inf:
        x[i, j] = float("-inf")
        assert target[i] != j
    x64 = x.double().requires_grad_(True)
    y = F.cross_entropy(x64, target)
    y.backward()
    t = {"x": x, "target": target.float(), "y": y.detach().float(), "dx": x64.grad.float()}
    return finish(cid, "cross_entropy_loss", seed, t, {"reduction": "mean", "target": "class indices stored as float32"}, [n, k], [])


@case
def ce_00(): return ce_case("cross_entropy_loss_00", 201, 5, 4)
@case
def ce_01(): return ce_case("cross_entropy_loss_01", 202, 3, 6, minus_inf=[(0, 5), (1, 5), (2, 5), (0, 4)])

# ---------------------------------------------------------------- pooling, upsampling, activations


@case
def upsample_00(): return layer_case("upsample_00", "upsample", 301, [2, 3, 3, 4], lambda x, p: F.interpolate(x, scale_factor=(2, 3), mode="nearest"),
                                     meta={"scale_factor": "2,3", "mode": "nearest"})
@case
def upsample_01(): return layer_case("upsample_01", "upsample", 302, [1, 2, 5, 2], lambda x, p: F.interpolate(x, scale_factor=2, mode="nearest"),
                                     meta={"scale_factor": "2,2", "mode": "nearest"})


def avg_case(cid, seed, shape, k, s, p):
    return layer_case(cid, "avg_pool2d", seed, shape, lambda x, _: F.avg_pool2d(x, k, s, p, count_include_pad=False),
                      meta={"kernel": pair(k), "stride": pair(s), "padding": pair(p), "count_include_pad": "false"})


@case
def avg_09(): return avg_case("avg_pool2d_09", 401, [2, 2, 5, 6], 3, 2, 1)
@case
def avg_10(): return avg_case("avg_pool2d_10", 402, [1, 3, 7, 5], (2, 3), (1, 2), (1, 1))


def max_case(cid, seed, shape, k, s, p, d):
    return layer_case(cid, "max_pool2d", seed, shape, lambda x, _: F.max_pool2d(x, k, s, p, d),
                      meta={"kernel": pair(k), "stride": pair(s), "padding": pair(p), "dilation": pair(d)}, x_kind=distinct)


@case
def max_09(): return max_case("max_pool2d_09", 501, [2, 2, 9, 9], 3, 2, 1, 2)
@case
def max_10(): return max_case("max_pool2d_10", 502, [1, 3, 8, 10], (2, 3), (1, 2), (1, 0), (3, 2))


@case
def leaky_00(): return layer_case("leaky_relu_00", "leaky_relu", 601, [2, 3, 4, 5], lambda x, _: F.leaky_relu(x, 0.01),
                                  meta={"negative_slope": "0.01"})
@case
def leaky_01(): return layer_case("leaky_relu_01", "leaky_relu", 602, [3, 2, 3, 3], lambda x, _: F.leaky_relu(x, 0.2),
                                  meta={"negative_slope": "0.2"})
@case
def tanh_00(): return layer_case("tanh_00", "tanh", 603, [2, 3, 4, 5], lambda x, _: torch.tanh(x))


@case
def relu_nan_00():
    def with_nan(g, *shape):
        x = uniform(g, *shape)
        x.view(-1)[::7] = float("nan")
        x.view(-1)[3] = 0.0
        return x
    return layer_case("relu_01", "relu", 604, [2, 3, 4, 5], lambda x, _: torch.relu(x), x_kind=with_nan,
                      meta={"note": "every 7th input is NaN: relu(NaN) = NaN and its gradient passes (x <= 0 is false)"})


def adaptive_case(cid, op, seed, shape, out, kind=uniform):
    f = (lambda x, _: F.adaptive_avg_pool2d(x, out)) if op == "adaptive_avg_pool2d" else (lambda x, _: F.adaptive_max_pool2d(x, out))
    return layer_case(cid, op, seed, shape, f, meta={"output_size": pair(out)}, x_kind=kind)


@case
def aavg_00(): return adaptive_case("adaptive_avg_pool2d_00", "adaptive_avg_pool2d", 701, [2, 3, 5, 7], 1)
@case
def aavg_01(): return adaptive_case("adaptive_avg_pool2d_01", "adaptive_avg_pool2d", 702, [1, 2, 6, 9], (2, 3))
@case
def aavg_02(): return adaptive_case("adaptive_avg_pool2d_02", "adaptive_avg_pool2d", 705, [2, 3, 7, 5], (3, 2))
@case
def aavg_03(): return adaptive_case("adaptive_avg_pool2d_03", "adaptive_avg_pool2d", 706, [1, 2, 10, 9], (4, 7))
@case
def amax_00(): return adaptive_case("adaptive_max_pool2d_00", "adaptive_max_pool2d", 703, [2, 3, 4, 6], 1, distinct)
@case
def amax_01(): return adaptive_case("adaptive_max_pool2d_01", "adaptive_max_pool2d", 704, [1, 2, 8, 6], (4, 2), distinct)


@case
def amax_02(): return adaptive_case("adaptive_max_pool2d_02", "adaptive_max_pool2d", 707, [2, 3, 7, 5], (3, 2), distinct)
@case
def amax_03(): return adaptive_case("adaptive_max_pool2d_03", "adaptive_max_pool2d", 708, [1, 2, 10, 9], (4, 7), distinct)


# ---------------------------------------------------------------- activations and normalisation layers


@case
def silu_00(): return layer_case("silu_00", "silu", 801, [2, 3, 4, 5], lambda x, _: F.silu(x))
@case
def softmax_00(): return layer_case("softmax_00", "softmax", 802, [4, 7], lambda x, _: F.softmax(x, dim=1),
                                    meta={"dim": "1"})
@case
def softmax_01(): return layer_case("softmax_01", "softmax", 803, [2, 3, 4, 5], lambda x, _: F.softmax(x, dim=-1), meta={"dim": "-1"})
@case
def log_softmax_00(): return layer_case("log_softmax_00", "log_softmax", 804, [2, 5, 3, 2], lambda x, _: F.log_softmax(x, dim=1),
                                        meta={"dim": "1"})


def affine(c):
    return {"weight": lambda g: uniform(g, *c), "bias": lambda g: uniform(g, *c)}


@case
def group_norm_00(): return layer_case("group_norm_00", "group_norm", 811, [2, 6, 3, 4],
                                       lambda x, p: F.group_norm(x, 3, p["weight"], p["bias"], 1e-5), params=affine([6]),
                                       meta={"num_groups": "3", "eps": "1e-05"})
@case
def group_norm_01(): return layer_case("group_norm_01", "group_norm", 812, [3, 4, 5, 2],
                                       lambda x, p: F.group_norm(x, 1, p["weight"], p["bias"], 1e-3), params=affine([4]),
                                       meta={"num_groups": "1", "eps": "0.001"})
@case
def layer_norm_00(): return layer_case("layer_norm_00", "layer_norm", 813, [2, 3, 4, 4],
                                       lambda x, p: F.layer_norm(x, (3, 4, 4), p["weight"], p["bias"], 1e-5), params=affine([3, 4, 4]),
                                       meta={"normalized_shape": "3,4,4", "eps": "1e-05"})
@case
def layer_norm_01(): return layer_case("layer_norm_01", "layer_norm", 814, [5, 8],
                                       lambda x, p: F.layer_norm(x, (8,), p["weight"], p["bias"], 1e-5), params=affine([8]),
                                       meta={"normalized_shape": "8", "eps": "1e-05"})
@case
def instance_norm2d_00(): return layer_case("instance_norm2d_00", "instance_norm2d", 815, [2, 3, 4, 5],
                                            lambda x, p: F.instance_norm(x, weight=p["weight"], bias=p["bias"], eps=1e-5), params=affine([3]),
                                            meta={"affine": "true", "eps": "1e-05"})
@case
def instance_norm2d_01(): return layer_case("instance_norm2d_01", "instance_norm2d", 816, [3, 2, 3, 3],
                                            lambda x, p: F.instance_norm(x, eps=1e-5), meta={"affine": "false", "eps": "1e-05"})


# ---------------------------------------------------------------- losses (reduction mean / sum / none)


def elementwise_loss_case(cid, op, seed, shape, fn, reduction, meta=None, target_kind="uniform"):
    g = torch.Generator().manual_seed(seed)
    x = uniform(g, *shape) * 2
    t = torch.rand(*shape, generator=g) if target_kind == "probability" else uniform(g, *shape) * 2
    x64 = x.double().requires_grad_(True)
    y = fn(x64, t.double(), reduction)
    tensors = {"x": x, "target": t}
    if reduction == "none":
        dy = uniform(g, *y.shape)
        tensors["dy"] = dy
        (y * dy.double()).sum().backward()
    else:
        y.backward()
    tensors["y"] = y.detach().float()
    tensors["dx"] = x64.grad.float()
    m = {"reduction": reduction}
    m.update(meta or {})
    return finish(cid, op, seed, tensors, m, shape, list(y.shape))


@case
def l1_00(): return elementwise_loss_case("l1_loss_00", "l1_loss", 901, [3, 4, 2], lambda x, t, r: F.l1_loss(x, t, reduction=r), "mean")
@case
def l1_01(): return elementwise_loss_case("l1_loss_01", "l1_loss", 902, [2, 5], lambda x, t, r: F.l1_loss(x, t, reduction=r), "none")
@case
def smooth_l1_00(): return elementwise_loss_case("smooth_l1_loss_00", "smooth_l1_loss", 903, [4, 6],
                                                 lambda x, t, r: F.smooth_l1_loss(x, t, reduction=r, beta=0.5), "sum", {"beta": "0.5"})
@case
def smooth_l1_01(): return elementwise_loss_case("smooth_l1_loss_01", "smooth_l1_loss", 904, [2, 3, 3],
                                                 lambda x, t, r: F.smooth_l1_loss(x, t, reduction=r, beta=1.0), "mean", {"beta": "1.0"})
@case
def bce_00(): return elementwise_loss_case("bce_with_logits_loss_00", "bce_with_logits_loss", 905, [3, 5],
                                           lambda x, t, r: F.binary_cross_entropy_with_logits(x, t, reduction=r), "mean",
                                           target_kind="probability")
@case
def bce_01(): return elementwise_loss_case("bce_with_logits_loss_01", "bce_with_logits_loss", 906, [2, 2, 3],
                                           lambda x, t, r: F.binary_cross_entropy_with_logits(x, t, reduction=r), "none", target_kind="probability")


def class_loss_case(cid, op, seed, n, k, reduction, weighted, ignore_index, smoothing):
    g = torch.Generator().manual_seed(seed)
    x = uniform(g, n, k) * 3
    if op == "nll_loss":
        x = F.log_softmax(x.double(), dim=1).float()
    target = torch.randint(0, k, (n,), generator=g)
    w = (torch.rand(k, generator=g) * 1.5 + 0.5) if weighted else None
    if ignore_index >= 0:
        target[1] = ignore_index
    x64 = x.double().requires_grad_(True)
    w64 = None if w is None else w.double()
    if op == "nll_loss":
        y = F.nll_loss(x64, target, weight=w64, ignore_index=ignore_index, reduction=reduction)
    else:
        y = F.cross_entropy(x64, target, weight=w64, ignore_index=ignore_index, reduction=reduction, label_smoothing=smoothing)
    tensors = {"x": x, "target": target.float()}
    if w is not None:
        tensors["class_weight"] = w
    if reduction == "none":
        dy = uniform(g, *y.shape)
        tensors["dy"] = dy
        (y * dy.double()).sum().backward()
    else:
        y.backward()
    tensors["y"] = y.detach().float()
    tensors["dx"] = x64.grad.float()
    meta = {"reduction": reduction, "ignore_index": str(ignore_index), "label_smoothing": repr(smoothing),
            "target": "class indices stored as float32"}
    return finish(cid, op, seed, tensors, meta, [n, k], list(y.shape))


@case
def nll_00(): return class_loss_case("nll_loss_00", "nll_loss", 911, 5, 4, "mean", True, 2, 0.0)
@case
def nll_01(): return class_loss_case("nll_loss_01", "nll_loss", 912, 4, 3, "none", False, -100, 0.0)
@case
def ce_02(): return class_loss_case("cross_entropy_loss_02", "cross_entropy_loss", 913, 6, 5, "mean", True, 3, 0.1)
@case
def ce_03(): return class_loss_case("cross_entropy_loss_03", "cross_entropy_loss", 914, 4, 3, "sum", False, -100, 0.2)
@case
def ce_04(): return class_loss_case("cross_entropy_loss_04", "cross_entropy_loss", 915, 3, 4, "none", True, -100, 0.0)


# ---------------------------------------------------------------- grouped and depthwise convolution


def grouped_conv_case(cid, seed, shape, out, k, s, p, d, groups, bias):
    cin = shape[1]
    params = {"weight": lambda g: uniform(g, out, cin // groups, k, k)}
    if bias:
        params["bias"] = lambda g: uniform(g, out)
    return layer_case(cid, "conv2d", seed, shape,
                      lambda x, q: F.conv2d(x, q["weight"], q.get("bias"), stride=s, padding=p, dilation=d, groups=groups),
                      params=params, meta={"kernel": pair(k), "stride": pair(s), "padding": pair(p), "dilation": pair(d),
                                           "groups": str(groups), "bias": str(bias).lower()})


@case
def conv_groups_00(): return grouped_conv_case("conv2d_groups_00", 1001, [2, 4, 6, 5], 6, 3, 1, 1, 1, 2, True)
@case
def conv_groups_01(): return grouped_conv_case("conv2d_groups_01", 1002, [1, 6, 7, 7], 3, 2, 2, 0, 1, 3, False)
@case
def conv_depthwise_00(): return grouped_conv_case("conv2d_depthwise_00", 1003, [2, 3, 5, 6], 3, 3, 1, 1, 1, 3, True)
@case
def conv_depthwise_01(): return grouped_conv_case("conv2d_depthwise_01", 1004, [1, 4, 8, 8], 8, 3, 2, 2, 2, 4, True)


# ---------------------------------------------------------------- GELU (tanh) and ceil_mode pooling


@case
def gelu_00(): return layer_case("gelu_tanh_00", "gelu", 1101, [2, 3, 4, 5], lambda x, _: F.gelu(x, approximate="tanh"),
                                 meta={"approximate": "tanh"})


def ceil_max_case(cid, seed, shape, k, s, p, d):
    return layer_case(cid, "max_pool2d", seed, shape, lambda x, _: F.max_pool2d(x, k, s, p, d, ceil_mode=True),
                      meta={"kernel": pair(k), "stride": pair(s), "padding": pair(p), "dilation": pair(d), "ceil_mode": "true"},
                      x_kind=distinct)


def ceil_avg_case(cid, seed, shape, k, s, p, include):
    return layer_case(cid, "avg_pool2d", seed, shape, lambda x, _: F.avg_pool2d(x, k, s, p, ceil_mode=True, count_include_pad=include),
                      meta={"kernel": pair(k), "stride": pair(s), "padding": pair(p), "ceil_mode": "true",
                            "count_include_pad": str(include).lower()})


@case
def max_ceil_00(): return ceil_max_case("max_pool2d_ceil_00", 1102, [2, 2, 7, 8], 2, 2, 0, 1)
@case
def max_ceil_01(): return ceil_max_case("max_pool2d_ceil_01", 1103, [1, 3, 9, 6], 3, 2, 1, 1)
@case
def max_ceil_02(): return ceil_max_case("max_pool2d_ceil_02", 1104, [1, 2, 10, 9], (3, 2), (3, 2), (1, 0), (2, 1))
@case
def avg_ceil_00(): return ceil_avg_case("avg_pool2d_ceil_00", 1105, [2, 2, 7, 8], 2, 2, 0, True)
@case
def avg_ceil_01(): return ceil_avg_case("avg_pool2d_ceil_01", 1106, [1, 3, 9, 6], 3, 2, 1, True)
@case
def avg_ceil_02(): return ceil_avg_case("avg_pool2d_ceil_02", 1107, [1, 2, 8, 7], (3, 2), (2, 2), (1, 1), False)


# ---------------------------------------------------------------- exact GELU, weighted BCEWithLogitsLoss


def wide(g, *shape):
    """Uniform in [-4, 4): reaches all three intervals of the erf approximation (|x|/sqrt(2) up to 2.8)."""
    return uniform(g, *shape) * 4


@case
def gelu_none_00(): return layer_case("gelu_none_00", "gelu", 1201, [2, 3, 4, 5], lambda x, _: F.gelu(x), meta={"approximate": "none"})
@case
def gelu_none_01(): return layer_case("gelu_none_01", "gelu", 1202, [3, 40], lambda x, _: F.gelu(x, approximate="none"),
                                      meta={"approximate": "none"}, x_kind=wide)


def bce_weighted_case(cid, seed, shape, reduction, weight_shape, pos_weight_shape):
    g = torch.Generator().manual_seed(seed)
    x = uniform(g, *shape) * 4
    t = torch.rand(*shape, generator=g)
    w = torch.rand(*weight_shape, generator=g) * 1.5 + 0.25 if weight_shape else None
    pw = torch.rand(*pos_weight_shape, generator=g) * 3 + 0.1 if pos_weight_shape else None
    x64 = x.double().requires_grad_(True)
    y = F.binary_cross_entropy_with_logits(x64, t.double(), weight=None if w is None else w.double(),
                                           pos_weight=None if pw is None else pw.double(), reduction=reduction)
    tensors = {"x": x, "target": t}
    if w is not None:
        tensors["weight"] = w
    if pw is not None:
        tensors["pos_weight"] = pw
    if reduction == "none":
        dy = uniform(g, *y.shape)
        tensors["dy"] = dy
        (y * dy.double()).sum().backward()
    else:
        y.backward()
    tensors["y"] = y.detach().float()
    tensors["dx"] = x64.grad.float()
    return finish(cid, "bce_with_logits_loss", seed, tensors, {"reduction": reduction}, shape, list(y.shape))


@case
def bce_02(): return bce_weighted_case("bce_with_logits_loss_02", 1203, [4, 3], "mean", [4, 1], [3])
@case
def bce_03(): return bce_weighted_case("bce_with_logits_loss_03", 1204, [2, 3, 5], "none", [3, 5], [5])
@case
def bce_04(): return bce_weighted_case("bce_with_logits_loss_04", 1205, [5, 2], "sum", None, [2])


# ---------------------------------------------------------------- InstanceNorm2d(track_running_stats=True)


def in_tracked_case(cid, seed, shape, training, affine, eps=1e-5, momentum=0.1):
    c = shape[1]
    g = torch.Generator().manual_seed(seed)
    x = uniform(g, *shape)
    w = uniform(g, c) if affine else None
    b = uniform(g, c) if affine else None
    rm = uniform(g, c) * 0.5
    rv = uniform(g, c) * 0.5 + 1.0
    x64 = x.double().requires_grad_(True)
    w64 = w.double().requires_grad_(True) if affine else None
    b64 = b.double().requires_grad_(True) if affine else None
    rm64, rv64 = rm.double().clone(), rv.double().clone()
    y = F.instance_norm(x64, rm64, rv64, w64, b64, use_input_stats=training, momentum=momentum, eps=eps)
    dy = uniform(g, *y.shape)
    (y * dy.double()).sum().backward()
    t = {"x": x, "running_mean": rm, "running_var": rv, "dy": dy, "y": y.detach().float(), "dx": x64.grad.float()}
    if affine:
        t.update({"weight": w, "bias": b, "dweight": w64.grad.float(), "dbias": b64.grad.float()})
    if training:
        t["running_mean_after"] = rm64.float()
        t["running_var_after"] = rv64.float()
    meta = {"training": str(training).lower(), "affine": str(affine).lower(), "track_running_stats": "true",
            "eps": repr(eps), "momentum": repr(momentum)}
    return finish(cid, "instance_norm2d", seed, t, meta, shape, list(y.shape))


@case
def in_tracked_00(): return in_tracked_case("instance_norm2d_tracked_train_00", 1301, [3, 4, 3, 5], True, True)
@case
def in_tracked_01(): return in_tracked_case("instance_norm2d_tracked_train_01", 1302, [2, 3, 4, 2], True, False, eps=1e-3, momentum=0.3)
@case
def in_tracked_02(): return in_tracked_case("instance_norm2d_tracked_eval_00", 1303, [2, 3, 4, 4], False, True)


def main(out_dir):
    index_path = os.path.join(out_dir, "index.json")
    with open(index_path) as f:
        index = json.load(f)
    entries = []
    for fn in CASES:
        cid, tensors, meta = fn()
        save_safetensors(os.path.join(out_dir, cid + ".safetensors"), tensors, meta)
        entries.append({"id": cid, "file": cid + ".safetensors", "op": meta["op"], "reference": "PyTorch " + torch.__version__,
                        "input_shape": [int(v) for v in meta["input_shape"].split(",")],
                        "output_shape": [int(v) for v in meta["output_shape"].split(",")] if meta["output_shape"] else []})
        print("wrote", cid)
    # append the new ids textually (existing entries keep their text; their files are rewritten above)
    known = {c["id"] for c in index["cases"]}
    new = [e for e in entries if e["id"] not in known]
    if new:
        with open(index_path) as f:
            text = f.read().rstrip()
        assert text.endswith("]\n}"), "unexpected index.json layout"
        body = ",\n".join("    " + json.dumps(e) for e in new)
        text = text[:text.rindex("]")].rstrip() + ",\n" + body + "\n  ]\n}\n"
        with open(index_path, "w") as f:
            f.write(text)

if __name__ == "__main__":
    main(sys.argv[1])
