import type { Connection, Model, Schema } from 'mongoose';

/**
 * The model `name` on `connection`, registered with `schema` the first time it is asked for.
 * A service opens one connection and builds its models from it on demand, so registration must
 * be idempotent (mongoose throws on a second `connection.model(name, schema)`).
 */
export function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}
