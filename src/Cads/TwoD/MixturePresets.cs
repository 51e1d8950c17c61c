namespace Cads.TwoD;

/// <summary>Ready-made worlds for the notebooks.</summary>
public static class MixturePresets
{
    /// <summary>Per class: the dominant mode's share p(k|c) in <see cref="ThreeClassesManyModes"/>.</summary>
    public const double DominantShare = 0.6;

    /// <summary>
    /// Three classes of five modes each: per class one dominant mode (p(k|c) = 0.6, std 0.2) near the centre, at
    /// radius 0.8 and angle 90 + 120 c degrees, and four minor modes (p(k|c) = 0.1 each, std 0.1) on an outer ring of
    /// radius 2, interleaved with the other classes' minor modes (angles 15 + 30 j degrees, class j mod 3).
    /// </summary>
    /// <remarks>
    /// Why this layout: at high noise p(c|z_t) is largest towards class c's dominant mode, so strong guidance pulls
    /// trajectories of class c there early, while the minor modes sit among other classes' modes where p(c|z_t)
    /// is low until late. It is built to make CFG at large w lose minor modes (its target p(x) p(c|x)^w keeps them, its
    /// trajectories need not); whether CFG loses them and whether CADS finds them again is measured in the notebooks.
    /// </remarks>
    public static GaussianMixture2D ThreeClassesManyModes()
    {
        const int classes = 3, minorPerClass = 4;
        var means = new double[classes * (1 + minorPerClass), 2];
        var stds = new List<double>();
        var weights = new List<double>();
        var labels = new List<int>();
        var k = 0;
        void Add(double radius, double degrees, double std, double weight, int c)
        {
            var angle = degrees * Math.PI / 180;
            means[k, 0] = radius * Math.Cos(angle);
            means[k, 1] = radius * Math.Sin(angle);
            stds.Add(std);
            weights.Add(weight);
            labels.Add(c);
            k++;
        }
        for (var c = 0; c < classes; c++) Add(0.8, 90 + 120 * c, 0.2, DominantShare, c);
        for (var j = 0; j < classes * minorPerClass; j++) Add(2.0, 15 + 30 * j, 0.1, (1 - DominantShare) / minorPerClass, j % classes);
        return new GaussianMixture2D(means, stds.ToArray(), weights.ToArray(), labels.ToArray());
    }

    /// <summary>
    /// Two overlapping classes for pictures: class 0 is N((-0.8, 0), 0.4^2 I), class 1 is N((0.8, 0), 0.4^2 I),
    /// equally likely; their overlap makes p(c|z_t) and the guidance field interesting near x = 0.
    /// </summary>
    public static GaussianMixture2D TwoClasses() =>
        new(new[,] { { -0.8, 0.0 }, { 0.8, 0.0 } }, [0.4, 0.4], [0.5, 0.5], [0, 1]);
}
