using Cads.Runtime;
using TorchSharp;

namespace Cads.IO;

/// <summary>Saving and loading a model's weights, the same way for every model of the project.</summary>
public static class Weights
{
    /// <summary>Saves the weights in TorchSharp's format, replacing <paramref name="path"/> atomically.</summary>
    public static void Save(torch.nn.Module module, string path) => AtomicFile.Write(path, stream =>
    {
        // Through a writer that leaves the stream open: save(Stream) closes it, and AtomicFile still has to flush it.
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        module.save(writer);
    });

    /// <summary>Loads weights written by <see cref="Save"/> into <paramref name="module"/>, on the runtime's device, in eval mode.</summary>
    /// <param name="module">A freshly built module of the architecture the file was saved from.</param>
    /// <param name="path">The weights file.</param>
    /// <param name="trainCommand">The command that makes the file, named in the errors.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file does not hold weights of this architecture.</exception>
    public static T Load<T>(T module, string path, string trainCommand) where T : torch.nn.Module
    {
        if (!File.Exists(path))
        {
            module.Dispose();
            throw new FileNotFoundException($"{path}: weights not found. Train them with `{trainCommand}`.", path);
        }
        try { module.load(path); }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            module.Dispose();
            throw new InvalidDataException($"{path}: not weights of this model ({e.Message}). Retrain with `{trainCommand}`.", e);
        }
        module.to(CadsRuntime.Device);
        module.eval();
        return module;
    }
}
