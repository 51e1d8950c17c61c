using Cads.Noise;
using Cads.Validation;
using static TorchSharp.torch;

namespace Cads.Schedules;

/// <summary>
/// The times a sampler visits, t_0 = 1 (noise) > t_1 > ... > t_N = 0 (data), with the schedule that gives each its
/// alpha and sigma. A sampler takes N = <see cref="Steps"/> steps, calling the denoiser at t_0 ... t_{N-1}.
/// </summary>
public sealed class TimeGrid
{
    /// <summary>The noise schedule the times refer to.</summary>
    public NoiseSchedule Schedule { get; }

    /// <summary>t_0 = 1 &gt; t_1 &gt; ... &gt; t_N = 0.</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>The number of steps N: one fewer than the number of times.</summary>
    public int Steps => Times.Count - 1;

    TimeGrid(NoiseSchedule schedule, double[] times)
    {
        Schedule = schedule;
        Times = times;
    }

    /// <summary>alpha(t_i).</summary>
    public double Alpha(int i) => Schedule.Alpha(Times[i]);

    /// <summary>sigma(t_i).</summary>
    public double Sigma(int i) => Schedule.Sigma(Times[i]);

    /// <summary>sigma~(t_i) = sigma(t_i) / alpha(t_i).</summary>
    public double EdmSigma(int i) => Schedule.EdmSigma(Times[i]);

    /// <summary>Equal steps in time: t_i = 1 - i / N.</summary>
    public static TimeGrid Uniform(NoiseSchedule schedule, int steps)
    {
        Check.AtLeast(steps, 1, nameof(steps));
        return new TimeGrid(schedule, Enumerable.Range(0, steps + 1).Select(i => 1 - (double)i / steps).ToArray());
    }

    /// <summary>
    /// Karras et al. (2022) eq. 5, in sigma~ and then mapped to t:
    /// sigma~_i = (sigma_max^(1/rho) + i/(N-1) (sigma_min^(1/rho) - sigma_max^(1/rho)))^rho for i &lt; N, then sigma~_N = 0;
    /// sigma_max = sigma~(1) of the schedule. Large rho crowds the steps at low noise.
    /// </summary>
    public static TimeGrid Karras(NoiseSchedule schedule, int steps, double sigmaMin = 0.002, double rho = 7)
    {
        Check.AtLeast(steps, 1, nameof(steps));
        var sigmaMax = schedule.EdmSigmaMax;
        Check.InRange(sigmaMin, double.Epsilon, sigmaMax, nameof(sigmaMin), $"(0, sigma_max] = (0, {Check.Format(sigmaMax)}]");
        Check.Positive(rho, nameof(rho));
        double hi = Math.Pow(sigmaMax, 1 / rho), lo = Math.Pow(sigmaMin, 1 / rho);
        var times = new double[steps + 1];
        times[0] = 1; // exactly: the inverse of sigma~ may round
        for (var i = 1; i < steps; i++)
            times[i] = schedule.TimeOfEdmSigma(Math.Pow(hi + (double)i / (steps - 1) * (lo - hi), rho));
        times[steps] = 0;
        return FromTimes(schedule, times);
    }

    /// <summary>The grid of <paramref name="spacing"/> with <paramref name="steps"/> steps.</summary>
    public static TimeGrid Of(GridSpacing spacing, NoiseSchedule schedule, int steps) => spacing switch
    {
        GridSpacing.Uniform => Uniform(schedule, steps),
        GridSpacing.Karras => Karras(schedule, steps),
        _ => throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "unknown grid spacing"),
    };

    /// <summary>Any grid: strictly decreasing times from 1 to 0.</summary>
    public static TimeGrid FromTimes(NoiseSchedule schedule, IEnumerable<double> times)
    {
        var t = times.ToArray();
        Check.AtLeast(t.Length - 1, 1, "steps");
        if (t[0] != 1 || t[^1] != 0)
            throw new ArgumentException($"times must run from 1 to 0; got {Check.Format(t[0])} ... {Check.Format(t[^1])}", nameof(times));
        for (var i = 1; i < t.Length; i++)
            if (!(t[i] < t[i - 1]))
                throw new ArgumentException($"times must decrease strictly; t[{i}] = {Check.Format(t[i])} follows {Check.Format(t[i - 1])}", nameof(times));
        return new TimeGrid(schedule, t);
    }

    /// <summary>A draw from the prior at t_0 = 1, sigma(1) n with n ~ N(0, I): where sampling starts.</summary>
    public Tensor InitialNoise(long[] shape, NoiseSource noise, ScalarType dtype = ScalarType.Float32)
    {
        using var scope = NewDisposeScope();
        var n = noise.Next(shape, dtype, Runtime.CadsRuntime.Device);
        return (n * Sigma(0)).MoveToOuterDisposeScope();
    }
}
