namespace Cads.Annealing;

/// <summary>
/// Over which elements CADS's rescaling takes mean and std. The two public implementations differ; what the paper
/// uses is not verified against the paper here. Both implementations use torch's unbiased std, this library the biased
/// one: the rescale multiplies by the ratio std(y) / std(y_hat) over the same elements, so the two agree.
/// </summary>
public enum RescaleStatistics
{
    /// <summary>
    /// Per sample, over the condition's feature dimensions (all but the batch): the default. ComfyUI-CADS does this
    /// (github.com/asagi4/ComfyUI-CADS, __init__.py: cads_noise is called on each batch element), where psi (its
    /// rescale) defaults to 0, no rescaling.
    /// </summary>
    PerSample,
    /// <summary>
    /// Over the whole batch at once: sd-webui-cads does this (github.com/v0xie/sd-webui-cads, scripts/cads.py, add_noise:
    /// torch.mean and torch.std of the whole conditioning tensor), with psi (its mixing factor) 1 by default.
    /// </summary>
    PerBatch,
}
