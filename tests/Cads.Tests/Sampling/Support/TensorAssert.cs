using System.Globalization;
using Xunit.Sdk;
using static TorchSharp.torch;

namespace Cads.Tests.Sampling.Support;

/// <summary>
/// Tensor assertions whose failure says what was compared, the shapes, the largest absolute difference, where it is,
/// the two values there and the tolerance, instead of xunit's "Expected True".
/// </summary>
static class TensorAssert
{
    /// <summary>torch.allclose's default tolerances: those of the "must differ" checks written as !allclose(a, b).</summary>
    public const double DefaultAtol = 1e-8, DefaultRtol = 1e-5;

    /// <summary>
    /// Same shape and dtype, and |actual - expected| &lt;= atol + rtol |expected| at every element (torch.isclose with
    /// <paramref name="expected"/> as its other; NaN is close to nothing, an infinity only to itself).
    /// </summary>
    public static void Close(Tensor expected, Tensor actual, double atol, double rtol, string what)
    {
        var gap = Gap.Between(expected, actual, "expected", "actual", what);
        var outside = gap.Outside(atol, rtol);
        if (outside > 0)
            throw new XunitException($"{what}: {outside} of {gap.Count} elements differ by more than {Tolerance(atol, rtol, "expected")}; {gap.Largest(atol, rtol)}");
    }

    /// <summary>Same shape and dtype and bit-for-bit the same values.</summary>
    public static void Equal(Tensor expected, Tensor actual, string what)
    {
        var gap = Gap.Between(expected, actual, "expected", "actual", what);
        var outside = gap.Outside(0, 0);
        if (outside > 0)
            throw new XunitException($"{what}: {outside} of {gap.Count} elements differ; {gap.Largest(0, 0)}");
    }

    /// <summary>
    /// Same shape and dtype, and at least one element with |a - b| &gt; atol + rtol |b|: the negation of
    /// torch.allclose(a, b, rtol, atol). With atol = rtol = 0: not bit-for-bit the same.
    /// </summary>
    public static void NotClose(Tensor a, Tensor b, string what, double atol = DefaultAtol, double rtol = DefaultRtol)
    {
        var gap = Gap.Between(b, a, "b", "a", what);
        if (gap.Outside(atol, rtol) == 0)
            throw new XunitException($"{what}: expected to differ, but all {gap.Count} elements lie within {Tolerance(atol, rtol, "b")}; {gap.Largest(atol, rtol)}");
    }

    static string Tolerance(double atol, double rtol, string reference) => rtol == 0
        ? $"atol {Format(atol)}"
        : $"atol {Format(atol)} + rtol {Format(rtol)} |{reference}|";

    static string Format(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
    static string Value(double v) => v.ToString("G10", CultureInfo.InvariantCulture);
    static string Shape(long[] shape) => $"[{string.Join(", ", shape)}]";

    /// <summary>The elementwise |actual - reference| of two same-shaped tensors, in float64 on the CPU.</summary>
    sealed class Gap
    {
        readonly long[] _shape;
        readonly double[] _reference, _actual, _difference;
        readonly string _referenceName, _actualName;

        Gap(long[] shape, double[] reference, double[] actual, string referenceName, string actualName)
        {
            (_shape, _reference, _actual, _referenceName, _actualName) = (shape, reference, actual, referenceName, actualName);
            // Equal values (infinities included) differ by 0; a NaN on either side differs by NaN, close to nothing.
            _difference = reference.Zip(actual, (r, a) => r == a ? 0 : Math.Abs(a - r)).ToArray();
        }

        public int Count => _difference.Length;

        public static Gap Between(Tensor reference, Tensor actual, string referenceName, string actualName, string what)
        {
            if (!reference.shape.SequenceEqual(actual.shape))
                throw new XunitException($"{what}: shapes differ: {referenceName} {Shape(reference.shape)}, {actualName} {Shape(actual.shape)}");
            if (reference.dtype != actual.dtype)
                throw new XunitException($"{what}: dtypes differ: {referenceName} {reference.dtype}, {actualName} {actual.dtype} (shape {Shape(reference.shape)})");
            return new Gap(reference.shape, Values(reference), Values(actual), referenceName, actualName);
        }

        static double[] Values(Tensor t)
        {
            using var scope = NewDisposeScope();
            return t.detach().cpu().to(ScalarType.Float64).flatten().data<double>().ToArray();
        }

        // As in torch.isclose, an infinity is close only to itself: nothing is allowed around it.
        static double Allowed(double reference, double atol, double rtol) => double.IsFinite(reference) ? atol + rtol * Math.Abs(reference) : 0;

        static bool Within(double difference, double reference, double atol, double rtol) =>
            difference == 0 || difference <= Allowed(reference, atol, rtol);

        public int Outside(double atol, double rtol) =>
            _difference.Where((d, i) => !Within(d, _reference[i], atol, rtol)).Count();

        /// <summary>The largest difference (a NaN counts as the largest), where it is, the two values and the tolerance there.</summary>
        public string Largest(double atol, double rtol)
        {
            if (Count == 0) return $"shape {Shape(_shape)} holds no elements";
            var k = 0;
            for (var i = 1; i < Count; i++)
                if (double.IsNaN(_difference[i]) && !double.IsNaN(_difference[k]) || _difference[i] > _difference[k]) k = i;
            return $"largest |difference| {Format(_difference[k])} at {Shape(Index(k))}: {_referenceName} {Value(_reference[k])}, "
                + $"{_actualName} {Value(_actual[k])}, allowed there {Format(Allowed(_reference[k], atol, rtol))}; shape {Shape(_shape)}";
        }

        long[] Index(long flat)
        {
            var index = new long[_shape.Length];
            for (var d = _shape.Length - 1; d >= 0; d--)
            {
                index[d] = flat % _shape[d];
                flat /= _shape[d];
            }
            return index;
        }
    }
}
