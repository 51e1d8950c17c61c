using Cads.IO;
using TorchSharp.Modules;

namespace Cads.ImageWorld;

/// <summary>
/// The state training resumes from: epochs done, the settings that must not change on resume, the weights and
/// Adam's moments, in one file written atomically.
/// </summary>
internal static class ClassifierCheckpoint
{
    const string Header = "cads classifier checkpoint v2";

    public static void Save(string path, Classifier model, OptimizerHelper optimizer, int epochsDone, ClassifierTrainingOptions options, long count) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Header);
            writer.Write(epochsDone);
            writer.Write(options.Epochs);
            writer.Write(options.Seed);
            writer.Write(options.BatchSize);
            writer.Write(options.LearningRate);
            writer.Write(count);
            model.save(writer);
            optimizer.save_state_dict(writer);
        });

    /// <summary>Restores <paramref name="model"/> and <paramref name="optimizer"/>; returns the number of epochs done.</summary>
    /// <exception cref="InvalidDataException">The file is no checkpoint, or was made with other settings or data.</exception>
    public static int Load(string path, Classifier model, OptimizerHelper optimizer, ClassifierTrainingOptions options, long count)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        try
        {
            if (reader.ReadString() != Header) throw new InvalidDataException($"{path}: not a classifier checkpoint.");
            var epochsDone = reader.ReadInt32();
            var made = (Epochs: reader.ReadInt32(), Seed: reader.ReadInt64(), BatchSize: reader.ReadInt32(), LearningRate: reader.ReadDouble(), Count: reader.ReadInt64());
            var now = (options.Epochs, options.Seed, options.BatchSize, options.LearningRate, Count: count);
            if (made != now)
                throw new InvalidDataException(
                    $"{path}: made with {made.Epochs} epochs, seed {made.Seed}, batch size {made.BatchSize}, learning rate {made.LearningRate}, {made.Count} images; " +
                    $"this run has {now.Epochs}, {now.Seed}, {now.BatchSize}, {now.LearningRate}, {now.Count}. Use the same settings or delete the checkpoint.");
            model.load(reader);
            optimizer.load_state_dict(reader);
            return epochsDone;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: truncated checkpoint.", e);
        }
    }
}
