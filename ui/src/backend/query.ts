/**
 * Server reads through TanStack Query. A query's key is the method's name and its
 * params (`rpcQueryKey`), so the core events can name which queries they make stale
 * (./invalidation.ts) and every screen showing the same answer shares one request,
 * one cache entry and one refresh.
 */
import {
  keepPreviousData,
  QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type UseMutationOptions,
  type UseQueryOptions,
} from "@tanstack/react-query";
import { useEffect, useMemo, useRef } from "react";
import { followEvents } from "./invalidation";
import { useBackend } from "./react";
import { typedRpc, type Method, type ParamsArg, type ParamsOf, type ResultOf, type Rpc } from "./rpc";
import { toBackendError, type BackendError } from "./types";

/** `[method]` for a method without params, else `[method, params]`. */
export type RpcQueryKey = readonly [Method] | readonly [Method, unknown];

export function rpcQueryKey<M extends Method>(method: M, params: ParamsOf<M>): RpcQueryKey {
  return params === undefined ? [method] : [method, params];
}

function argsOf<M extends Method>(params: ParamsOf<M>): ParamsArg<M> {
  return (params === undefined ? [] : [params]) as ParamsArg<M>;
}

/** One call, its failure as a BackendError (what every query and mutation reports). */
function call<M extends Method>(rpc: Rpc, method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
  return rpc(method, ...argsOf<M>(params)).catch((e: unknown) => Promise.reject(toBackendError(e)));
}

/**
 * Failures worth asking again: the hub or the server out of reach, or a proxy in
 * between. Anything else is an answer (a refused input, a missing row, a role), and
 * asking again would only delay showing it.
 */
const TRANSIENT = new Set(["transport", "hubUnreachable", "hubBadAnswer", "bad_response", "http_502", "http_503", "http_504"]);
const MAX_RETRIES = 2;

export function shouldRetry(failures: number, error: unknown): boolean {
  return failures < MAX_RETRIES && TRANSIENT.has(toBackendError(error).code);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        // The core's events say when an answer changed; focusing the window says nothing.
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

type QueryOptions<M extends Method, T> = Omit<UseQueryOptions<ResultOf<M>, BackendError, T, RpcQueryKey>, "queryKey" | "queryFn">;

/** Reads `method(params)` into the shared cache; errors come as BackendError. */
export function useRpcQuery<M extends Method, T = ResultOf<M>>(method: M, params: ParamsOf<M>, options?: QueryOptions<M, T>) {
  const rpc = useRpc();
  return useQuery<ResultOf<M>, BackendError, T, RpcQueryKey>({
    queryKey: rpcQueryKey(method, params),
    queryFn: () => call(rpc, method, params),
    ...options,
  });
}

/** The key of `method(params)` read page by page: beside the plain query's, as the cache holds a list of pages here. */
export function rpcPagesKey<M extends Method>(method: M, params: ParamsOf<M>): readonly unknown[] {
  return [method, params, "pages"];
}

/**
 * Reads `method(params)` page by page: `next` says which params fetch the page after
 * `last`, or null at the end. Invalidating it reads again every page loaded.
 */
export function useRpcPages<M extends Method>(
  method: M,
  params: ParamsOf<M>,
  next: (last: ResultOf<M>) => Partial<ParamsOf<M>> | null,
  options?: { enabled?: boolean; keepPrevious?: boolean; staleTime?: number },
) {
  const rpc = useRpc();
  return useInfiniteQuery<ResultOf<M>, BackendError, InfiniteData<ResultOf<M>>, readonly unknown[], Partial<ParamsOf<M>> | null>({
    queryKey: rpcPagesKey(method, params),
    initialPageParam: null as Partial<ParamsOf<M>> | null,
    queryFn: ({ pageParam }) => call(rpc, method, (pageParam === null ? params : { ...params, ...pageParam }) as ParamsOf<M>),
    getNextPageParam: (last) => next(last) ?? undefined,
    enabled: options?.enabled,
    placeholderData: options?.keepPrevious ? keepPreviousData : undefined,
    staleTime: options?.staleTime,
  });
}

/** A write through `method`; `onSuccess` and friends come from the caller. */
export function useRpcMutation<M extends Method, C = unknown>(
  method: M,
  options?: Omit<UseMutationOptions<ResultOf<M>, BackendError, ParamsOf<M>, C>, "mutationFn">,
) {
  const rpc = useRpc();
  return useMutation<ResultOf<M>, BackendError, ParamsOf<M>, C>({
    mutationFn: (params) => call(rpc, method, params),
    ...options,
  });
}

/**
 * Replaces the cached answer of `method(params)` with one the server just gave (or the
 * one a write is about to make). A read still under way is dropped: it may have been
 * answered before the write and would put the older value back.
 */
export function useSetRpcData() {
  const client = useQueryClient();
  return useMemo(
    () =>
      <M extends Method>(method: M, params: ParamsOf<M>, data: ResultOf<M>) => {
        const queryKey = rpcQueryKey(method, params);
        void client.cancelQueries({ queryKey, exact: true });
        client.setQueryData<ResultOf<M>>(queryKey, data);
      },
    [client],
  );
}

/** Marks every cached answer of `method` stale (and reads again those on screen). */
export function useInvalidateRpc() {
  const client = useQueryClient();
  return useMemo(
    () =>
      (...methods: Method[]) =>
        client.invalidateQueries({ predicate: (q) => methods.includes(q.queryKey[0] as Method) }),
    [client],
  );
}

function useRpc(): Rpc {
  const b = useBackend();
  return useMemo(() => typedRpc(b), [b]);
}

/**
 * Hands a query's failure to the screen's error banner once per failure (the screens
 * that show errors in the app's banner rather than in place).
 */
export function useReportError(error: unknown, onError: (e: unknown) => void): void {
  const report = useRef(onError);
  report.current = onError;
  useEffect(() => {
    if (error) report.current(error);
  }, [error]);
}

/** Installed once under the signed-in backend: core events invalidate the queries they touch. */
export function useQueriesFollowEvents(): void {
  const b = useBackend();
  const client = useQueryClient();
  useEffect(() => followEvents((cb) => b.onEvent(cb), client), [b, client]);
}
