using Cads.Cli.Commands;

namespace Cads.Tests.Cli;

public class CommandLineTests
{
    static async Task<(int Code, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CadsCommand.RunAsync(args, output, error);
        return (code, error.ToString());
    }

    [Theory]
    [InlineData("--sampler|rk4", "--sampler must be one of ddpm, ddim, euler, heun, dpmpp2m")]
    [InlineData("--steps|0", "--steps must be a whole number in [1, 10000]")]
    [InlineData("--guidance|lots", "--guidance must be a finite number")]
    [InlineData("--cads|--psi|1.5", "--psi must be a finite number in [0, 1]")]
    [InlineData("--cads|--tau1|0.9|--tau2|0.5", "--tau1 must be <= --tau2")]
    [InlineData("--tau1|0.5", "add --cads")]
    [InlineData("--per-class", "--per-class needs a value")]
    [InlineData("--colour|red", "unknown option '--colour'")]
    public async Task Bad_sample_arguments_exit_2_with_a_message_naming_the_option(string args, string expected)
    {
        var (code, error) = await Run(["sample", .. args.Split('|')]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task Train_without_a_target_says_what_can_be_trained()
    {
        var (code, error) = await Run("train");
        Assert.Equal(2, code);
        Assert.Contains("model", error);
        Assert.Contains("classifier", error);
    }

    [Fact]
    public async Task Sampling_a_missing_model_file_exits_1_naming_it()
    {
        var (code, error) = await Run("sample", "--model", "/nonexistent/u.pt");
        Assert.Equal(1, code);
        Assert.Contains("/nonexistent/u.pt", error);
    }
}
