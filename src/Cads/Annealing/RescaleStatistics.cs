namespace Cads.Annealing;

/// <summary>Over which elements CADS's rescaling takes mean and std. The paper leaves it open.</summary>
public enum RescaleStatistics
{
    /// <summary>Per sample, over the condition's feature dimensions (all but the batch): the default.</summary>
    PerSample,
    /// <summary>Over the whole batch at once, as public implementations do.</summary>
    PerBatch,
}
