namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// One operation of an ItemOperations request, in document order: an <see cref="ItemOperationsFetch"/>, an
/// <see cref="ItemOperationsEmptyFolderContents"/> or an <see cref="ItemOperationsMove"/>. The server executes
/// them in that order and reports a status for each (MS-ASCMD_R193, R194).
/// </summary>
public abstract record ItemOperation;
