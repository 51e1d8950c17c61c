namespace Cads.ImageWorld;

/// <summary>One training step: epoch and step count from 1; loss and accuracy are those of this step's batch.</summary>
public sealed record ClassifierTrainingProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double Loss, double Accuracy);

/// <summary>What a call to <see cref="ClassifierTraining.Train"/> did.</summary>
/// <param name="Model">The trained classifier, in eval mode.</param>
/// <param name="FirstEpoch">The first epoch this call trained (from 1); after a resume, the one after the checkpoint's.</param>
/// <param name="EpochLosses">Mean training loss of each epoch this call trained.</param>
public sealed record ClassifierTrainingResult(Classifier Model, int FirstEpoch, IReadOnlyList<double> EpochLosses);
