namespace Cads.ImageWorld;

/// <summary>Settings of <see cref="DenoiserTraining.Train"/>. The defaults reproduce the shipped U-Net.</summary>
public sealed record DenoiserTrainingOptions
{
    /// <summary>
    /// The weak U-Net that guides the shipped one in Autoguidance (Karras et al. 2024: a smaller model trained for
    /// less time, on the same data): half the channels (8/16/32), a quarter of the steps (1,000), everything else alike.
    /// </summary>
    public static DenoiserTrainingOptions Weak { get; } = new() { Channels = 8, Steps = 1000 };

    /// <summary>
    /// The low-resolution-conditioned U-Net (<see cref="LowResUNet"/>): the shipped U-Net's width and settings, half
    /// its steps (2,000), conditioned on the 7x7 average of the image instead of its label.
    /// </summary>
    public static DenoiserTrainingOptions LowRes { get; } = new() { Steps = 2000 };

    /// <summary>The U-Net's channels at 28x28 (<see cref="UNet"/>'s width; a multiple of 8).</summary>
    public int Channels { get; init; } = 16;

    /// <summary>Optimizer steps in all.</summary>
    public int Steps { get; init; } = 4000;

    public int BatchSize { get; init; } = 128;

    /// <summary>Adam's step size after the warm-up, decaying along a cosine to zero at the last step.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>How often the condition is replaced by the null condition, so one network learns D(x|y) and D(x|null) (CFG dropout).</summary>
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
        $"channels {Channels}, steps {Steps}, batch {BatchSize}, lr {LearningRate}, null {NullProbability}, ema {EmaDecay}, seed {Seed}";

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "Steps must be at least 1.");
        if (Channels < 8 || Channels % 8 != 0)
            throw new ArgumentOutOfRangeException(nameof(Channels), Channels, "Channels must be a positive multiple of 8 (group norm's 8 groups).");
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
