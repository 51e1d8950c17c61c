namespace Cads.ImageWorld;

/// <summary>Settings of <see cref="ClassifierTraining.Train"/>. The defaults reproduce the shipped classifier.</summary>
public sealed record ClassifierTrainingOptions
{
    public int Epochs { get; init; } = 8;

    public int BatchSize { get; init; } = 128;

    /// <summary>Adam's step size.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Seeds the initial weights and every epoch's shuffle.</summary>
    public long Seed { get; init; } = 0;

    /// <summary>Where the final weights go (atomically); null: not saved.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Rewritten atomically after every epoch, and resumed from when present; null: no checkpoints.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        TrainingSupport.CheckBatchAndRate(BatchSize, LearningRate);
    }
}
