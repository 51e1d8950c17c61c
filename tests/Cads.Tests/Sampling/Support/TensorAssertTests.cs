using Cads.Runtime;
using Xunit.Sdk;
using static TorchSharp.torch;

namespace Cads.Tests.Sampling.Support;

/// <summary>The helper's failures are the point of it: each test makes one fail and reads its message.</summary>
public class TensorAssertTests
{
    public TensorAssertTests() => CadsRuntime.Init();

    static Tensor Matrix(params double[] values) => tensor(values, [2, 2], ScalarType.Float64, CadsRuntime.Device);

    static string Failure(Action assertion) => Assert.Throws<XunitException>(assertion).Message;

    [Fact]
    public void Close_names_the_comparison_the_largest_difference_where_it_is_the_two_values_and_the_tolerance()
    {
        var expected = Matrix(0, 1, 2, 3);
        // Two elements off: 0.05 at [1, 1] (inside atol 0.1) and 0.5 at [1, 0] (outside).
        var actual = Matrix(0, 1, 2.5, 3.05);
        Assert.Equal(
            "denoised x0: 1 of 4 elements differ by more than atol 0.1; largest |difference| 0.5 at [1, 0]: expected 2, actual 2.5, allowed there 0.1; shape [2, 2]",
            Failure(() => TensorAssert.Close(expected, actual, atol: 0.1, rtol: 0, "denoised x0")));
        Assert.Equal(
            "x: 1 of 4 elements differ by more than atol 0.1 + rtol 0.01 |expected|; largest |difference| 0.5 at [1, 0]: expected 2, actual 2.5, allowed there 0.12; shape [2, 2]",
            Failure(() => TensorAssert.Close(expected, actual, atol: 0.1, rtol: 0.01, "x")));
        TensorAssert.Close(expected, actual, atol: 0.5, rtol: 0, "x");
    }

    [Fact]
    public void Close_measures_rtol_against_the_expected_tensor_as_torch_isclose_does()
    {
        // |100.5 - 100| = 0.5 against rtol 0.00498: 0.498 of |expected| = 100 fails, where 0.5005 of |actual| would pass.
        var hundred = tensor(new[] { 100.0 }, ScalarType.Float64, CadsRuntime.Device);
        var near = tensor(new[] { 100.5 }, ScalarType.Float64, CadsRuntime.Device);
        Assert.Contains("allowed there 0.498", Failure(() => TensorAssert.Close(hundred, near, atol: 0, rtol: 0.00498, "relative")));
        TensorAssert.Close(hundred, near, atol: 0, rtol: 0.005, "relative");
    }

    [Fact]
    public void A_nan_is_close_to_nothing_and_is_reported_as_the_largest_difference()
    {
        var expected = Matrix(0, 1, 2, 3);
        var actual = Matrix(0, 1e6, double.NaN, 3);
        Assert.Contains("2 of 4 elements", Failure(() => TensorAssert.Close(expected, actual, atol: 1, rtol: 0, "nan")));
        Assert.Contains("largest |difference| NaN at [1, 0]: expected 2, actual NaN", Failure(() => TensorAssert.Close(expected, actual, atol: 1, rtol: 0, "nan")));
        // An infinity is close to itself (torch.isclose), although inf - inf is NaN.
        var infinite = Matrix(double.PositiveInfinity, 1, 2, 3);
        TensorAssert.Close(infinite, infinite.clone(), atol: 0, rtol: 0, "infinity");
        Assert.Contains("expected Infinity, actual 1E+300, allowed there 0", Failure(() => TensorAssert.Close(infinite, Matrix(1e300, 1, 2, 3), atol: 0, rtol: 1, "infinity")));
    }

    [Fact]
    public void Shapes_and_dtypes_must_match_and_a_mismatch_is_named()
    {
        var square = Matrix(0, 1, 2, 3);
        Assert.Equal("flat: shapes differ: expected [2, 2], actual [4]", Failure(() => TensorAssert.Close(square, square.flatten(), 1, 1, "flat")));
        Assert.Equal("single: dtypes differ: expected Float64, actual Float32 (shape [2, 2])", Failure(() => TensorAssert.Equal(square, square.to(ScalarType.Float32), "single")));
    }

    [Fact]
    public void Equal_fails_on_one_ulp_and_says_where()
    {
        var a = Matrix(0, 1, 2, 3);
        var b = Matrix(0, 1, 2, Math.BitIncrement(3.0));
        Assert.Equal(
            "samples: 1 of 4 elements differ; largest |difference| 4.44E-16 at [1, 1]: expected 3, actual 3, allowed there 0; shape [2, 2]",
            Failure(() => TensorAssert.Equal(a, b, "samples")));
        TensorAssert.Equal(a, a.clone(), "samples");
    }

    [Fact]
    public void NotClose_fails_when_everything_is_within_tolerance_and_says_the_largest_difference_found()
    {
        var a = Matrix(0, 1, 2, 3);
        Assert.Equal(
            "two seeds: expected to differ, but all 4 elements lie within atol 1E-08 + rtol 1E-05 |b|; largest |difference| 2E-06 at [0, 1]: b 1, a 1.000002, allowed there 1E-05; shape [2, 2]",
            Failure(() => TensorAssert.NotClose(Matrix(0, 1.000002, 2, 3), a, "two seeds")));
        Assert.Equal(
            "runs: expected to differ, but all 4 elements lie within atol 0; largest |difference| 0 at [0, 0]: b 0, a 0, allowed there 0; shape [2, 2]",
            Failure(() => TensorAssert.NotClose(a, a.clone(), "runs", atol: 0, rtol: 0)));
        TensorAssert.NotClose(Matrix(0, 1, 2, 3.1), a, "one element apart");
    }
}
