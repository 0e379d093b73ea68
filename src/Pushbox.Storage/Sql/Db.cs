using System.Data.Common;
using Dapper;

namespace Pushbox.Storage.Sql;

/// <summary>Shorthands for Dapper commands that always carry the transaction and the cancellation token.</summary>
internal static class Db
{
    public static CommandDefinition Command(string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    public static Task<IEnumerable<T>> RowsAsync<T>(this DbConnection connection, string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.QueryAsync<T>(Command(sql, parameters, transaction, cancellationToken));

    public static Task<T?> RowAsync<T>(this DbConnection connection, string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.QueryFirstOrDefaultAsync<T>(Command(sql, parameters, transaction, cancellationToken));

    public static Task<T?> ScalarAsync<T>(this DbConnection connection, string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<T>(Command(sql, parameters, transaction, cancellationToken));

    public static Task<int> RunAsync(this DbConnection connection, string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(sql, parameters, transaction, cancellationToken));
}
