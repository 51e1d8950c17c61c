using Cads.Annealing;
using Cads.Denoisers;
using Cads.Guidance;
using Cads.Noise;
using Cads.Runtime;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using FsCheck;
using FsCheck.Xunit;
using static TorchSharp.torch;

namespace Cads.Tests.Formulas;

/// <summary>
/// Properties that hold for every valid input, not only for the examples above: FsCheck draws the inputs (and shrinks a
/// failing one to a small case). Reals are drawn as fractions in [0, 1] (NormalFloat, folded) and scaled to the range.
/// </summary>
public class PropertyTests
{
    // A generated float folded into [0, 1].
    static double Unit(NormalFloat x) => Math.Abs(x.Get) % 1;

    [Property(MaxTest = 300)]
    public bool Gamma_lies_in_0_1_and_never_rises_as_t_grows(NormalFloat a, NormalFloat b, NormalFloat d, NormalFloat t1, NormalFloat t2)
    {
        var (tau1, tau2) = (Math.Min(Unit(a), Unit(b)), Math.Max(Unit(a), Unit(b)));
        var gamma = new AnnealingSchedule(tau1, tau2, degree: 0.25 + 4 * Unit(d));
        var (early, late) = (Math.Min(Unit(t1), Unit(t2)), Math.Max(Unit(t1), Unit(t2)));
        double ge = gamma.Gamma(early), gl = gamma.Gamma(late);
        // The ends: 1 up to tau1, 0 from tau2 on (tau1 wins where they meet).
        bool Ends(double t, double g) => t <= tau1 ? g == 1 : t >= tau2 ? g == 0 : g is > 0 and < 1;
        return ge is >= 0 and <= 1 && gl is >= 0 and <= 1 && gl <= ge && Ends(early, ge) && Ends(late, gl);
    }

    [Property(MaxTest = 100)]
    public bool Rescale_gives_each_sample_the_mean_and_std_of_its_condition(int seed, NormalFloat scale, NormalFloat shift)
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var g = CadsRuntime.Generator(Math.Abs(seed % 10_000));
        var y = randn([4, 6], ScalarType.Float64, CadsRuntime.Device, generator: g) * 1.7 + 0.3;
        var yHat = randn([4, 6], ScalarType.Float64, CadsRuntime.Device, generator: g) * (0.1 + 10 * Unit(scale)) + (Unit(shift) - 0.5) * 20;
        var rescaled = CadsTransform.Rescale(yHat, y);
        bool Same(Tensor a, Tensor b) => (a - b).abs().max().item<double>() < 1e-9;
        // The map keeps the order within a sample: it is increasing, so the sign of the rescale is right.
        var increasing = (rescaled - rescaled.mean([1], keepdim: true)).mul(yHat - yHat.mean([1], keepdim: true)).ge(0).all().item<bool>();
        return Same(rescaled.mean([1]), y.mean([1])) && Same(rescaled.std(1, unbiased: false), y.std(1, unbiased: false)) && increasing;
    }

    [Property(MaxTest = 100)]
    public bool Y_final_is_linear_in_psi(NormalFloat psi, NormalFloat time, int seed)
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var y = randn([3, 5], ScalarType.Float64, CadsRuntime.Device, generator: CadsRuntime.Generator(77));
        var t = Unit(time);
        Tensor At(double p) => new CadsSettings(0.2, 0.7, 0.6, p).Transform(NoiseSource.Seeded(Math.Abs(seed % 10_000))).Apply(y, t);
        var p = Unit(psi);
        return (At(p) - (p * At(1) + (1 - p) * At(0))).abs().max().item<double>() < 1e-9;
    }

    [Property(MaxTest = 100)]
    public bool Uncond_based_cfg_at_w_1_is_the_conditional_denoiser(int seed, NormalFloat time, PositiveInt label)
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var denoiser = new ConditionalDenoiser(new ToyModel(), new VpLinearSchedule());
        var labels = Condition.Classes(label.Get % ToyModel.Classes, (label.Get + 1) % ToyModel.Classes);
        var z = randn([2, 2], ScalarType.Float32, CadsRuntime.Device, generator: CadsRuntime.Generator(Math.Abs(seed % 10_000))) * 3;
        var t = Unit(time);
        var conditional = denoiser.Denoise(z, t, denoiser.Encode(labels));
        return new Cfg(denoiser, labels, 1).Denoise(z, t).equal(conditional).all().item<bool>();
    }
}
