package io.cnn4j.optim;

import io.cnn4j.nn.Parameter;

import java.util.Map;

/**
 * {@code torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2)}: Adam with decoupled
 * weight decay, p ← p·(1 - lr·weight_decay) before the Adam update (see {@link Adam}).
 */
public class AdamW extends Adam {

    public AdamW(Map<String, Parameter> params) { this(params, 1e-3); }

    public AdamW(Map<String, Parameter> params, double lr) { this(params, lr, 0.9, 0.999, 1e-8, 1e-2); }

    public AdamW(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super("AdamW", params, lr, beta1, beta2, eps, weightDecay, true);
    }
}
