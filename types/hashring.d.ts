// Minimal typings for the `hashring` package (ketama-compatible consistent hashing).
declare module 'hashring' {
  type Servers = string | string[] | Record<string, number | { weight?: number; vnodes?: number }>;
  class HashRing {
    constructor(servers: Servers, algorithm?: string, options?: { 'vnode count'?: number; 'max cache size'?: number });
    get(key: string): string;
    add(servers: Servers): this;
    remove(server: string): this;
    has(server: string): boolean;
  }
  export default HashRing;
}
