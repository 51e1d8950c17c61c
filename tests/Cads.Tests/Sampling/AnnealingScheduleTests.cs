using Cads.Annealing;

namespace Cads.Tests.Sampling;

public class AnnealingScheduleTests
{
    readonly AnnealingSchedule _linear = new(tau1: 0.6, tau2: 0.9);

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.3, 1.0)]
    [InlineData(0.6, 1.0)]  // tau1: still exact
    [InlineData(0.75, 0.5)] // halfway
    [InlineData(0.8, 1.0 / 3)]
    [InlineData(0.9, 0.0)]  // tau2
    [InlineData(1.0, 0.0)]
    public void Linear_gamma_is_one_below_tau1_zero_above_tau2_and_linear_between(double t, double gamma) =>
        Assert.Equal(gamma, _linear.Gamma(t), 12);

    [Fact]
    public void Polynomial_gamma_is_the_linear_ramp_raised_to_the_degree()
    {
        var cubic = new AnnealingSchedule(0.6, 0.9, degree: 3);
        Assert.Equal(1, cubic.Gamma(0.6));
        Assert.Equal(0.125, cubic.Gamma(0.75), 12);
        Assert.Equal(0, cubic.Gamma(0.9));
        // Below the linear ramp inside (tau1, tau2): a higher degree lets the condition in later.
        for (var t = 0.61; t < 0.9; t += 0.01)
        {
            Assert.True(cubic.Gamma(t) < _linear.Gamma(t));
            Assert.True(cubic.Gamma(t + 0.005) < cubic.Gamma(t), "gamma must decrease in t");
        }
        var sqrt = new AnnealingSchedule(0.6, 0.9, degree: 0.5);
        Assert.Equal(Math.Sqrt(0.5), sqrt.Gamma(0.75), 12);
    }

    [Fact]
    public void Equal_taus_give_a_step()
    {
        var step = new AnnealingSchedule(0.5, 0.5);
        Assert.Equal(1, step.Gamma(0.5));
        Assert.Equal(0, step.Gamma(0.5000001));
    }
}
