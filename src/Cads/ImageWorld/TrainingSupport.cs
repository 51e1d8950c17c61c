using Cads.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Cads.ImageWorld;

/// <summary>What the image world's two training loops (classifier and U-Net) share.</summary>
internal static class TrainingSupport
{
    /// <summary>Throws unless images are [N > 0, 1, 28, 28] and labels [N].</summary>
    public static void CheckData(Tensor images, Tensor labels)
    {
        CheckImages(images);
        if (labels.shape.Length != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"labels must have shape [{images.shape[0]}]; got [{string.Join(", ", labels.shape)}].", nameof(labels));
    }

    /// <summary>Throws unless images are [N > 0, 1, 28, 28].</summary>
    public static void CheckImages(Tensor images)
    {
        if (images.shape is not [> 0, 1, FashionMnist.ImageSide, FashionMnist.ImageSide])
            throw new ArgumentException($"images must have shape [N > 0, 1, 28, 28]; got [{string.Join(", ", images.shape)}].", nameof(images));
    }

    /// <summary>Throws unless the batch size and learning rate both image-world trainings take are in range, naming them.</summary>
    public static void CheckBatchAndRate(int batchSize, double learningRate)
    {
        if (batchSize is < 1 or > 65536)
            throw new ArgumentOutOfRangeException("BatchSize", batchSize, "BatchSize must be in 1..65536.");
        if (!(learningRate > 0 && learningRate <= 1))
            throw new ArgumentOutOfRangeException("LearningRate", learningRate, "LearningRate must be in (0, 1].");
    }

    /// <summary>Sets the step size of every parameter group: the loops compute their schedules from progress alone.</summary>
    public static void SetLearningRate(optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }
}
