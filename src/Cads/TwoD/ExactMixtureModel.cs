using Cads.Annealing;
using Cads.Denoisers;
using Cads.Schedules;
using Cads.Validation;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Cads.TwoD;

/// <summary>
/// The exact denoiser of a <see cref="GaussianMixture2D"/> as a diffusion model the library's samplers, CFG and CADS
/// can drive: x0-prediction, condition vectors y in R^C, class c embedded as the one-hot e_c, null = 0.
/// </summary>
/// <remarks>
/// A general y is read as evidence about the class through the exponential-family likelihood
/// L(y|c) = exp(kappa y . e_c) = exp(kappa y_c), and Bayes' rule gives
/// <code>
/// D(z|y) = sum_c p(c|z_t, y) E[x0|z_t, c],   p(c|z_t, y) ∝ p(c|z_t) exp(kappa y_c)   (softmax in log space)
/// </code>
/// y = 0 gives E[x0|z_t] (the null branch); a one-hot y with large kappa gives E[x0|z_t, c]; kappa = inf keeps only
/// the classes where y is largest. A fixed large kappa reads a noisy CADS embedding as if it were clean, as a network
/// does (<see cref="NetworkLike"/>); <see cref="BayesSmoothed"/> knows CADS's noise model instead.
/// All samples of a batch share t (as <see cref="ConditionalDenoiser"/> calls it).
/// </remarks>
public sealed class ExactMixtureModel : IDiffusionModel
{
    /// <summary>The default kappa of <see cref="NetworkLike"/>: exp(-1000) leaves no trace of the other classes.</summary>
    public const double DefaultKappa = 1e3;

    readonly Func<double, double> _kappa;

    /// <summary>The world.</summary>
    public GaussianMixture2D Mixture { get; }

    /// <summary>The schedule whose alpha(t), sigma(t) the model denoises at.</summary>
    public NoiseSchedule Schedule { get; }

    public Prediction Prediction => Prediction.X0;

    /// <summary>[C]: a condition is a vector over the classes.</summary>
    public long[] SampleShape => [2];
    public long[] ConditionShape => [Mixture.Classes];

    ExactMixtureModel(GaussianMixture2D mixture, NoiseSchedule schedule, Func<double, double> kappa)
    {
        Mixture = mixture;
        Schedule = schedule;
        _kappa = kappa;
    }

    /// <summary>A fixed evidence strength kappa: any condition vector is taken at face value, as a trained network would.</summary>
    /// <exception cref="ArgumentException">kappa is not &gt; 0 (infinity is allowed: the hard arg-max limit).</exception>
    public static ExactMixtureModel NetworkLike(GaussianMixture2D mixture, NoiseSchedule schedule, double kappa = DefaultKappa)
    {
        if (!(kappa > 0)) throw new ArgumentException($"kappa must be > 0 (may be infinite); got {Check.Format(kappa)}", nameof(kappa));
        return new ExactMixtureModel(mixture, schedule, _ => kappa);
    }

    /// <summary>
    /// The exact conditional denoiser given CADS's noisy embedding y_hat = sqrt(gamma) e_c + s sqrt(1 - gamma) n
    /// (psi = 0): since ||e_c|| = 1, p(y_hat|c) ∝ exp(sqrt(gamma) y_hat . e_c / (s^2 (1 - gamma))), so
    /// kappa(t) = sqrt(gamma(t)) / (s^2 (1 - gamma(t))): 0 above tau2 (D(z|y_hat) = D(z|null): this model, unlike a
    /// network, is unconditional there), infinite below tau1 or for s = 0.
    /// </summary>
    public static ExactMixtureModel BayesSmoothed(GaussianMixture2D mixture, NoiseSchedule schedule, AnnealingSchedule gamma, double s)
    {
        Check.NonNegative(s, "noiseScale s");
        return new ExactMixtureModel(mixture, schedule, t => SmoothedKappa(gamma.Gamma(t), s));
    }

    /// <summary>kappa = sqrt(gamma) / (s^2 (1 - gamma)), with its limits 0 at gamma = 0 and infinity at gamma = 1 or s = 0.</summary>
    public static double SmoothedKappa(double gamma, double s)
    {
        if (gamma == 0) return 0;
        if (gamma == 1 || s == 0) return double.PositiveInfinity;
        return Math.Sqrt(gamma) / (s * s * (1 - gamma));
    }

    /// <summary>kappa(t), the evidence strength of a condition vector at time t.</summary>
    public double Kappa(double t) => _kappa(t);

    /// <summary>This model with its schedule, ready for <see cref="Guidance.Cfg"/>.</summary>
    public ConditionalDenoiser ToDenoiser() => new(this, Schedule);

    /// <summary>e_c, [B, C].</summary>
    public Tensor Embed(Tensor labels) => one_hot(labels, Mixture.Classes).to(ScalarType.Float32);

    /// <summary>The zero vector: no evidence, p(c|z_t, 0) = p(c|z_t).</summary>
    public Tensor NullCondition(long batch) => zeros([batch, Mixture.Classes], ScalarType.Float32, Runtime.CadsRuntime.Device);

    public Tensor Forward(Tensor x, Tensor t, Tensor condition) => Denoise(x, t[0].to(ScalarType.Float64).item<double>(), condition);

    public Tensor Forward(Tensor x, double t, Tensor condition) => Denoise(x, t, condition);

    /// <summary>
    /// p(c|z_t, y) ∝ p(c|z_t) exp(kappa(t) y_c) for z [B, 2] and a condition vector y [B, C], in z's dtype: the class
    /// posterior this model reads a condition with ([B, C]).
    /// </summary>
    public Tensor ClassPosterior(Tensor z, double t, Tensor condition)
    {
        using var scope = NewDisposeScope();
        var y = condition.to(z.dtype);
        var logJoint = Mixture.At(Schedule, t).ClassLogJoint(z); // log p(c|z_t) up to a constant per sample
        var kappa = _kappa(t);
        var logits = double.IsPositiveInfinity(kappa)
            // kappa -> inf: the likelihood keeps only the classes where y is largest; 0 * inf would be NaN.
            ? logJoint.masked_fill(y.lt(y.amax([1], keepdim: true)), double.NegativeInfinity)
            : logJoint + kappa * y;
        return logits.softmax(-1).MoveToOuterDisposeScope();
    }

    /// <summary>D(z|y) = sum_c p(c|z_t, y) E[x0|z_t, c] at time t for z [B, 2] and y [B, C], computed in z's dtype.</summary>
    public Tensor Denoise(Tensor z, double t, Tensor condition)
    {
        using var scope = NewDisposeScope();
        var posterior = ClassPosterior(z, t, condition).unsqueeze(1); // [B, 1, C]
        return posterior.bmm(Mixture.At(Schedule, t).ClassPosteriorMeans(z)).squeeze(1).MoveToOuterDisposeScope();
    }
}
