using static TorchSharp.torch;

namespace Cads.TwoD.Measures;

/// <summary>
/// The rule the mode measures share: a point of class c goes to the component of class c with the largest
/// responsibility p(k|x, c) under the clean mixture (nearest mode in the mixture's own metric, weights and stds included).
/// </summary>
internal static class ModeAssignment
{
    /// <summary>The component index [N] (int64) of each point of <paramref name="points"/> [N, 2] (float64) of classes <paramref name="labels"/> [N].</summary>
    public static Tensor Of(GaussianMixture2D mixture, Tensor points, Tensor labels) =>
        mixture.At(1, 0).Responsibilities(points, labels.to(points.device)).argmax(1);

    /// <exception cref="ArgumentException"><paramref name="points"/> is not [N, 2] with <paramref name="labels"/> [N].</exception>
    public static void CheckShapes(Tensor points, Tensor labels, string name)
    {
        if (points.dim() != 2 || points.shape[1] != 2 || labels.shape.Length != 1 || labels.shape[0] != points.shape[0])
            throw new ArgumentException(
                $"{name} must be [N, 2] with labels [N]; got [{string.Join(", ", points.shape)}] and [{string.Join(", ", labels.shape)}]", name);
    }
}
