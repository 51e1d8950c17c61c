using Cads.Cli.Commands;

namespace Cads.Tests.Cli;

public class CommandLineTests
{
    [Theory]
    [InlineData("--sampler|rk4", "--sampler must be ddpm, ddim, euler, heun or dpmpp2m; got 'rk4'")]
    [InlineData("--steps|0", "--steps must be a whole number in [1, 10000]; got '0'")]
    [InlineData("--guidance|lots", "--guidance must be a number in [0, 100]; got 'lots'")]
    [InlineData("--cads|--psi|1.5", "--psi must be a number in [0, 1]; got '1.5'")]
    [InlineData("--cads|--noise-scale|-0.1", "--noise-scale must be a number >= 0; got '-0.1'")]
    [InlineData("--cads|--degree|0", "--degree must be a number > 0; got '0'")]
    [InlineData("--cads|--noise-kind|pink", "--noise-kind must be gaussian, laplace or uniform; got 'pink'")]
    [InlineData("--cads|--tau1|0.9|--tau2|0.5", "--tau1 must be <= --tau2; got tau1 = 0.9, tau2 = 0.5")]
    [InlineData("--cads|--tau1|0.95", "--tau1 must be <= --tau2; got tau1 = 0.95, tau2 = 0.9")]
    [InlineData("--tau1|0.5", "--tau1 tune CADS: add --cads")]
    [InlineData("--seed|16384", "--seed must be a whole number in [0, 16383]; got '16384'")]
    [InlineData("--eta|0.5|--sampler|ddpm", "eta is read by ddim only; sampler ddpm ignores it")]
    [InlineData("--per-class", "Required argument missing for option: '--per-class'")]
    [InlineData("--colour|red", "Unrecognized command or argument '--colour'")]
    public async Task Bad_sample_arguments_exit_2_with_a_message_naming_the_option(string args, string expected)
    {
        var run = await CliRun.Of(["sample", .. args.Split('|')]);
        Assert.Equal(2, run.Code);
        Assert.Contains($"cads: {expected}", run.Error);
        Assert.Contains("see 'cads sample --help'", run.Error);
        Assert.Equal("", run.Output);
    }

    [Theory]
    [InlineData("train|model|--steps|0", "--steps must be a whole number in [1, 10000000]; got '0'")]
    [InlineData("train|classifier|--epochs|many", "--epochs must be a whole number in [1, 10000]; got 'many'")]
    [InlineData("train|mlp2d|--lr|0", "--lr must be a number in (0, 1]; got '0'")]
    [InlineData("train|mlp2d|--checkpoint|x.ckpt", "Unrecognized command or argument '--checkpoint'")]
    [InlineData("bench|--image-batch|0", "--image-batch must be a whole number in [1, 65536]; got '0'")]
    [InlineData("eval|--world|moon", "--world must be images, 2d or both; got 'moon'")]
    [InlineData("eval|--methods|cfg,magic", "--methods 'magic': method must be one of conditional, cfg, dynamic-cfg, cads, cads+dynamic-cfg, interval, linear-cfg, cosine-cfg, autoguidance, autoguidance+cads; got 'magic'.")]
    [InlineData("eval|--weights|4,x", "--weights must be a comma-separated list of numbers in [0, 100]; got 'x'")]
    [InlineData("eval|--world|2d|--tau1|0.7", "--tau1 must be <= --tau2; got tau1 = 0.7, tau2 = 0.6 (in the 2d world)")]
    [InlineData("notebooks|--out", "Required argument missing for option: '--out'")]
    [InlineData("info|--verbose", "Unrecognized command or argument '--verbose'")]
    [InlineData("frobnicate", "Unrecognized command or argument 'frobnicate'")]
    public async Task Every_verb_refuses_bad_usage_with_exit_2_naming_the_option(string args, string expected)
    {
        var run = await CliRun.Of(args.Split('|'));
        Assert.Equal(2, run.Code);
        Assert.Contains($"cads: {expected}", run.Error);
    }

    [Fact]
    public async Task A_bad_flag_for_a_world_that_is_not_evaluated_is_no_error_of_the_command_line()
    {
        // tau1 = 0.7 is above the 2-D baseline's tau2 = 0.6, not the image baseline's 0.9: only --world images may take it.
        var refused = await CliRun.Of("eval", "--world", "2d", "--tau1", "0.7");
        Assert.Equal(2, refused.Code);
        var eval = new EvalCommand();
        var (images, twoD) = eval.Baselines(eval.Parse(["--world", "images", "--tau1", "0.7"]));
        Assert.Equal(0.7, images!.Cads!.Tau1);
        Assert.Null(twoD);
    }

    [Fact]
    public async Task Train_without_a_target_says_what_can_be_trained()
    {
        var run = await CliRun.Of("train");
        Assert.Equal(2, run.Code);
        Assert.Contains("cads: train needs one of: model", run.Error);
        Assert.Contains("classifier", run.Error);
        Assert.Contains("mlp2d", run.Error);
    }

    [Fact]
    public async Task Sampling_a_missing_model_file_exits_1_naming_it()
    {
        var run = await CliRun.Of("sample", "--model", "/nonexistent/u.pt");
        Assert.Equal(1, run.Code);
        Assert.Contains("/nonexistent/u.pt", run.Error);
    }
}
