using TorchSharp;
using TorchSharp.Modules;

namespace Cads.IO;

/// <summary>
/// What a training run resumes from, in one file written atomically: a kind tag, how far it got, the settings that
/// must not change on resume, the weights of its modules and the optimizer's state.
/// </summary>
public static class Checkpoint
{
    /// <summary>Writes the checkpoint; an interrupted write leaves the previous one intact.</summary>
    public static void Save(string path, string kind, int progress, string settings, OptimizerHelper optimizer,
        params torch.nn.Module[] modules) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(kind);
            writer.Write(progress);
            writer.Write(settings);
            foreach (var module in modules) module.save(writer);
            optimizer.save_state_dict(writer);
        });

    /// <summary>Restores the modules and the optimizer; returns the progress recorded.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint of this kind, was made with other settings, or is truncated.</exception>
    public static int Load(string path, string kind, string settings, OptimizerHelper optimizer, params torch.nn.Module[] modules)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        try
        {
            if (reader.ReadString() != kind) throw new InvalidDataException($"{path}: not a {kind}.");
            var progress = reader.ReadInt32();
            var made = reader.ReadString();
            if (made != settings)
                throw new InvalidDataException(
                    $"{path}: made with {made}; this run has {settings}. Use the same settings or delete the checkpoint.");
            foreach (var module in modules) module.load(reader);
            optimizer.load_state_dict(reader);
            return progress;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: truncated checkpoint.", e);
        }
    }
}
