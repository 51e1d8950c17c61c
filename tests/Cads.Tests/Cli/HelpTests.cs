using System.CommandLine;
using Cads.Cli.Commands;

namespace Cads.Tests.Cli;

public class HelpTests
{
    /// <summary>Every command that does something, as its words: "sample", "train model", ...</summary>
    static IEnumerable<string> VerbNames()
    {
        static IEnumerable<string> Leaves(Command command, string path) => command.Subcommands.Count == 0
            ? [path.Trim()]
            : command.Subcommands.SelectMany(c => Leaves(c, $"{path} {c.Name}"));
        return Leaves(CadsCommand.Create(), "");
    }

    public static TheoryData<string> Verbs() => new(VerbNames());

    [Fact]
    public void The_verbs_are_the_documented_ones()
    {
        Assert.Equal(["notebooks", "train model", "train weak-model", "train lowres-model", "train classifier", "train mlp2d", "train mlp2d-small",
            "sample", "eval", "bench", "info"], VerbNames());
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Every_verb_answers_help_with_its_own_usage_and_exit_0(string verb)
    {
        var words = verb.Split(' ');
        var command = words.Aggregate(CadsCommand.Create(), (c, word) => c.Subcommands.Single(s => s.Name == word));
        foreach (var help in new[] { "--help", "-h" })
        {
            var run = await CliRun.Of([.. words, help]);
            Assert.Equal(0, run.Code);
            Assert.Equal("", run.Error);
            Assert.Contains($"cads {verb} [", run.Output);
            Assert.Contains(command.Description!, run.Output);
            Assert.All(command.Options, option => Assert.Contains(option.Name, run.Output));
        }
    }

    [Theory]
    [InlineData("sample", "--tau1 <T1>", "in [0, 1] [default: 0.6]")]
    [InlineData("sample", "--noise-scale <S>", ">= 0 [default: 0.25]")]
    [InlineData("sample", "--seed <S>", "in [0, 16383] [default: 0]")]
    [InlineData("sample", "--sampler <ddpm|ddim|euler|heun|dpmpp2m>", "[default: ddim]")]
    [InlineData("eval", "--tau1 <T1>", "[default: images 0.6, 2d 0.3]")]
    [InlineData("eval", "--noise-scale <S>", "[default: images 0.25, 2d 0.5]")]
    [InlineData("eval", "--steps-2d <N>", "in [1, 10000] [default: quick 100, large 200]")]
    [InlineData("eval", "--statistics <per-sample|per-batch>", "[default: per-sample]")]
    [InlineData("train|model", "--checkpoint <PATH>", "[default: artifacts/checkpoints/unet.ckpt]")]
    [InlineData("train|classifier", "--epochs <N>", "in [1, 10000] [default: 8]")]
    [InlineData("train|mlp2d", "--out <PATH>", "[default: data/models/mlp2d.pt]")]
    [InlineData("train|weak-model", "--steps <N>", "in [1, 10000000] [default: 1000]")]
    [InlineData("train|lowres-model", "--checkpoint <PATH>", "[default: artifacts/checkpoints/unet-lowres.ckpt]")]
    [InlineData("train|mlp2d-small", "--out <PATH>", "[default: data/models/mlp2d-small.pt]")]
    [InlineData("eval", "--weak-model <PATH>", "[default: the shipped data/models/unet-weak.pt]")]
    public async Task A_verbs_help_gives_each_option_its_range_and_default(string verb, string option, string rangeAndDefault)
    {
        var run = await CliRun.Of([.. verb.Split('|'), "--help"]);
        var line = run.Output.Split('\n').Single(l => l.TrimStart().StartsWith(option + " "));
        Assert.EndsWith(rangeAndDefault, line.TrimEnd());
    }

    [Fact]
    public async Task Options_belong_to_their_verbs()
    {
        Assert.DoesNotContain("--checkpoint", (await CliRun.Of("train", "mlp2d", "--help")).Output);
        Assert.DoesNotContain("--guidance", (await CliRun.Of("eval", "--help")).Output);
        Assert.DoesNotContain("--tau1", (await CliRun.Of("bench", "--help")).Output);
    }

    [Theory]
    [InlineData]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task The_command_alone_or_help_lists_the_verbs_and_exits_0(params string[] args)
    {
        var run = await CliRun.Of(args);
        Assert.Equal(0, run.Code);
        Assert.All(CadsCommand.Create().Subcommands, verb => Assert.Contains($"  {verb.Name} ", run.Output));
        Assert.Contains("CADS_DEVICE", run.Output);
    }

    [Fact]
    public async Task Help_wins_over_a_bad_value_beside_it()
    {
        var run = await CliRun.Of("sample", "--cads", "--psi", "1.5", "--help");
        Assert.Equal(0, run.Code);
        Assert.Contains("--psi <P>", run.Output);
    }
}
