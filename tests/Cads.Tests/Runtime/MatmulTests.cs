using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Cads.Cli.Commands;
using Cads.Runtime;
using Cads.Tests.Notebooks;
using static TorchSharp.torch;

namespace Cads.Tests.Runtime;

/// <summary>
/// TorchSharp 0.107.0's native <c>THSTensor_matmul</c>, unlike its other entry points, has no try/catch: a shape
/// mismatch in <c>matmul</c> ends the process (a notebook's kernel) with "terminate called after throwing an instance
/// of 'c10::Error'" instead of raising an exception. <c>mm</c> and <c>mv</c> raise one, so the library and the
/// notebooks use them (environment.md, "`matmul` ends the process").
/// </summary>
public class MatmulTests
{
    [Fact]
    public void A_shape_mismatch_in_mm_and_mv_is_an_exception_that_names_the_shapes()
    {
        using var scope = NewDisposeScope();
        var a = zeros(3, 3, device: CadsRuntime.Device);
        var mm = Assert.Throws<ExternalException>(() => a.mm(zeros(2, 4, device: CadsRuntime.Device)));
        Assert.Contains("3x3 and 2x4", mm.Message);
        var mv = Assert.Throws<ExternalException>(() => a.mv(zeros(2, device: CadsRuntime.Device)));
        Assert.Contains("size mismatch", mv.Message);
    }

    [Fact]
    public void No_library_file_or_notebook_code_cell_calls_matmul()
    {
        var call = new Regex(@"\bmatmul\s*\(");
        var library = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (Where: $"{Path.GetRelativePath(RepoPaths.Root, f)}:{i + 1}", Line: line)));
        var notebooks = ExecutedNotebooks.Names
            .SelectMany(name => NotebookFormat.Cells(Path.Combine(RepoPaths.Notebooks, name)).Where(c => c.Type == "code")
                .Select(c => (Where: $"{name} cell {c.Index}", Line: c.Source)));
        var calls = library.Concat(notebooks).Where(x => call.IsMatch(x.Line)).Select(x => x.Where).ToList();
        Assert.True(calls.Count == 0, "matmul called (use mm or mv) in:\n  " + string.Join("\n  ", calls));
    }
}
