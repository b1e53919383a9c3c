/**
 * Branded ids. They are made in one place (the `make*` functions) at the edges, so that a
 * `JobId` can never be passed where a `NodeId` is expected.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** The core's own job id: a dense index in submission order (0, 1, 2, ...). */
export type JobId = Brand<number, 'JobId'>;
/** A node's dense index in the cluster's node table. */
export type NodeId = Brand<number, 'NodeId'>;

export const makeJobId = (n: number): JobId => n as JobId;
export const makeNodeId = (n: number): NodeId => n as NodeId;
