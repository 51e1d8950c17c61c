using Cads.Validation;
using static TorchSharp.torch;

namespace Cads.TwoD;

/// <summary>
/// The score-smoothing argument of CADS (Sadat et al. 2024) in closed form for the exact 2-D world: with the Gaussian
/// approximation p(x0|z_t) ~ N(x_hat(z), lambda^2 I), x_hat = E[x0|z_t] (Tweedie), a linear condition y = T x0 observed
/// with added noise of std sigma_n has p(y_hat|z_t) ~ N(T x_hat, lambda^2 T T^T + sigma_n^2 I), so
/// <code>
/// grad_z log p(y_hat|z_t) = (d x_hat/d z)^T T^T (lambda^2 T T^T + sigma_n^2 I)^-1 (y_hat - T x_hat)
/// </code>
/// sigma_n = 0 is the sharp guidance term; sigma_n &gt; 0 regularises it.
/// </summary>
/// <remarks>
/// The Jacobian of x_hat = sum_k r_k(z) m_k(z), with m_k = mu_k + g_k (z - alpha mu_k), g_k = alpha s_k^2 / v_k,
/// r_k = softmax_k l_k and d l_k / dz = (alpha mu_k - z) / v_k =: q_k, is
/// <code>
/// J[i, j] = d x_hat_i / d z_j = (sum_k r_k g_k) delta_ij + sum_k r_k m_k[i] (q_k - sum_l r_l q_l)[j]
/// </code>
/// All tensors are computed in z's dtype; T is [m, 2], y_hat is [N, m] (or [m], broadcast).
/// </remarks>
public static class SmoothedGuidance
{
    /// <summary>J = d x_hat / d z [N, 2, 2] of the exact denoiser x_hat = E[x0|z_t], J[n, i, j] = d x_hat_i / d z_j.</summary>
    public static Tensor PosteriorMeanJacobian(NoisedMixture world, Tensor z)
    {
        using var scope = NewDisposeScope();
        var s = world.Mixture.StdTensor(z.dtype, z.device);
        var a = world.Alpha;
        var gain = a * s * s / (a * a * s * s + world.Sigma * world.Sigma); // g_k [K]
        var r = world.Responsibilities(z); // [N, K]
        var m = world.ComponentPosteriorMeans(z); // [N, K, 2]
        var q = world.ComponentScores(z); // [N, K, 2]
        var qBar = (r.unsqueeze(-1) * q).sum(1, keepdim: true); // [N, 1, 2]
        var weighted = (r.unsqueeze(-1) * m).transpose(1, 2); // [N, 2, K]
        var outer = weighted.bmm(q - qBar); // [N, 2, 2]: sum_k r_k m_k (q_k - q_bar)^T
        var diagonal = (r * gain).sum(1).view(-1, 1, 1) * eye(2, dtype: z.dtype, device: z.device);
        return (diagonal + outer).MoveToOuterDisposeScope();
    }

    /// <summary>The covariance of y_hat given z_t under the approximation: lambda^2 T T^T + sigma_n^2 I, [m, m].</summary>
    public static Tensor ConditionCovariance(Tensor transform, double lambda, double sigmaN)
    {
        CheckTransform(transform);
        Check.NonNegative(lambda, "lambda");
        Check.NonNegative(sigmaN, "sigma_n");
        using var scope = NewDisposeScope();
        var m = transform.shape[0];
        var covariance = lambda * lambda * transform.mm(transform.T) + sigmaN * sigmaN * eye(m, dtype: transform.dtype, device: transform.device);
        return covariance.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// grad_z log p(y_hat|z_t) [N, 2] = J^T T^T (lambda^2 T T^T + sigma_n^2 I)^-1 (y_hat - T x_hat), with the exact x_hat
    /// and J of <paramref name="world"/>.
    /// </summary>
    /// <param name="world">The noised mixture at time t.</param>
    /// <param name="z">Points [N, 2].</param>
    /// <param name="transform">T [m, 2]: the condition is y = T x0.</param>
    /// <param name="yHat">The observed (noisy) condition [N, m] or [m].</param>
    /// <param name="lambda">The std of the Gaussian approximation p(x0|z_t) ~ N(x_hat, lambda^2 I); &gt;= 0.</param>
    /// <param name="sigmaN">The std of the noise added to the condition; &gt;= 0 (lambda and sigma_n must not both be 0).</param>
    public static Tensor Gradient(NoisedMixture world, Tensor z, Tensor transform, Tensor yHat, double lambda, double sigmaN)
    {
        if (lambda == 0 && sigmaN == 0) throw new ArgumentException("lambda and sigma_n must not both be 0 (the covariance would be singular)", nameof(sigmaN));
        using var scope = NewDisposeScope();
        var t = transform.to(z.dtype).to(z.device);
        var covariance = ConditionCovariance(t, lambda, sigmaN);
        var xHat = world.PosteriorMean(z); // [N, 2]
        var residual = yHat.to(z.dtype).to(z.device) - xHat.mm(t.T); // [N, m]
        var precisionResidual = linalg.solve(covariance, residual.T).T; // [N, m], covariance symmetric
        var v = precisionResidual.mm(t); // [N, 2]: T^T A^-1 (y_hat - T x_hat)
        var jacobian = PosteriorMeanJacobian(world, z);
        return v.unsqueeze(1).bmm(jacobian).squeeze(1).MoveToOuterDisposeScope(); // J^T v
    }

    static void CheckTransform(Tensor transform)
    {
        if (transform.dim() != 2 || transform.shape[1] != 2 || transform.shape[0] < 1)
            throw new ArgumentException($"T must have shape [m, 2] with m >= 1; got [{string.Join(", ", transform.shape)}]", nameof(transform));
    }
}
