namespace Cads.Annealing;

/// <summary>
/// Which branches of classifier-free guidance see the noisy condition. Both public implementations noise both by
/// default: sd-webui-cads (github.com/v0xie/sd-webui-cads, scripts/cads.py, on_cfg_denoiser_callback) noises
/// text_cond and text_uncond alike, with no option; ComfyUI-CADS (github.com/asagi4/ComfyUI-CADS, __init__.py) has
/// apply_to = both | cond | uncond, default both. Which branch the paper noises is not verified against the paper here;
/// this library follows the implementations: <see cref="Both"/> is the default.
/// </summary>
public enum CadsBranches
{
    /// <summary>The conditional branch only; the null condition stays clean.</summary>
    Conditional,
    /// <summary>
    /// Both, the default: the null condition's embedding is noised too, with its own fresh noise and rescaled to its own
    /// mean and std (a zero null embedding, as in the exact 2-D model, stays zero at psi = 1).
    /// </summary>
    Both,
}
