using static TorchSharp.torch;

namespace Cads.Denoisers;

/// <summary>
/// A trained (or exact) network: (z_t, t, condition tensor) to an eps-, x0- or v-prediction. The condition is always a
/// tensor here, so that guidance and CADS can change it: class labels enter through <see cref="Embed"/> first.
/// </summary>
public interface IDiffusionModel
{
    /// <summary>What <see cref="Forward(Tensor, Tensor, Tensor)"/> returns.</summary>
    Prediction Prediction { get; }

    /// <summary>The shape of one sample x, e.g. [2] for a point of the plane or [1, 28, 28] for an image.</summary>
    long[] SampleShape { get; }

    /// <summary>The shape of one sample's condition tensor, e.g. [embeddingDim], [vectorDim] or [1, 28, 28] for an image.</summary>
    long[] ConditionShape { get; }

    /// <summary>The network: x [B, ...] at times t [B] under condition [B, ..ConditionShape] to a prediction shaped like x.</summary>
    Tensor Forward(Tensor x, Tensor t, Tensor condition);

    /// <summary>
    /// The network with one time t for the whole batch, as the samplers call it. A model that computes with t as a
    /// number overrides this, so that it never reads a time tensor back from the device.
    /// </summary>
    Tensor Forward(Tensor x, double t, Tensor condition)
    {
        using var times = full(x.shape[0], t, x.dtype, x.device);
        return Forward(x, times, condition);
    }

    /// <summary>Class labels [B] (int64) to their embeddings [B, ..ConditionShape]. Only class-conditional models have one.</summary>
    Tensor Embed(Tensor labels) =>
        throw new NotSupportedException($"{GetType().Name} takes no class labels; give it a condition tensor (Condition.Of).");

    /// <summary>The null condition y = null of classifier-free guidance, [batch, ..ConditionShape]: the null-class embedding, or zeros.</summary>
    Tensor NullCondition(long batch);
}
