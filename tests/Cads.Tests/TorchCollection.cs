namespace Cads.Tests;

/// <summary>Tests that seed or train share torch's global generator, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
