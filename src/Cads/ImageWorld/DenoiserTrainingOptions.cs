namespace Cads.ImageWorld;

/// <summary>Settings of <see cref="DenoiserTraining.Train"/>. The defaults reproduce the shipped U-Net.</summary>
public sealed record DenoiserTrainingOptions
{
    /// <summary>Optimizer steps in all.</summary>
    public int Steps { get; init; } = 4000;

    public int BatchSize { get; init; } = 128;

    /// <summary>Adam's step size after the warm-up, decaying along a cosine to zero at the last step.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>How often the class label is replaced by the null class, so one network learns D(x|y) and D(x|null) (CFG dropout).</summary>
    public double NullProbability { get; init; } = 0.15;

    /// <summary>Decay of the exponential moving average of the weights; the average is what gets saved and sampled.</summary>
    public double EmaDecay { get; init; } = 0.995;

    /// <summary>Seeds the initial weights and every step's batch, times and noise.</summary>
    public long Seed { get; init; }

    /// <summary>Where the final (averaged) weights go, atomically; null: not saved.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Rewritten atomically every <see cref="CheckpointEvery"/> steps, and resumed from when present; null: none.</summary>
    public string? CheckpointPath { get; init; }

    public int CheckpointEvery { get; init; } = 250;

    /// <summary>The settings a resumed run must share with the run that wrote the checkpoint.</summary>
    public string Fingerprint =>
        $"steps {Steps}, batch {BatchSize}, lr {LearningRate}, null {NullProbability}, ema {EmaDecay}, seed {Seed}";

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "Steps must be at least 1.");
        TrainingSupport.CheckBatchAndRate(BatchSize, LearningRate);
        if (!(NullProbability >= 0 && NullProbability < 1))
            throw new ArgumentOutOfRangeException(nameof(NullProbability), NullProbability, "NullProbability must be in [0, 1).");
        if (!(EmaDecay >= 0 && EmaDecay < 1))
            throw new ArgumentOutOfRangeException(nameof(EmaDecay), EmaDecay, "EmaDecay must be in [0, 1).");
        if (CheckpointEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(CheckpointEvery), CheckpointEvery, "CheckpointEvery must be at least 1.");
    }
}

/// <summary>One training step's report, for progress bars.</summary>
public sealed record DenoiserTrainingProgress(int Step, int Steps, double Loss);
