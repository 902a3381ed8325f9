import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_PATH, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';

/** A route path as a pattern (`/auth/sessions/:id`) and the methods it answers. */
export interface RouteEntry {
  path: string;
  methods: Set<string>;
}

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : [typeof value === 'string' ? value : ''];

/** `/` + the segments, without doubled or trailing slashes: `auth` + `/me` → `/auth/me`. */
export const joinPath = (...parts: string[]): string =>
  `/${parts.join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/**
 * Every route the app's controllers declare, under their module's RouterModule path (the auth
 * module's `basePath`), read from Nest's metadata, the same on every platform. A global prefix or
 * versioning is not applied: a host using them turns the 405 check off
 * (`configureAuthApp(app, { refuseUnknownMethods: false })`).
 */
export function controllerRoutes(app: INestApplication): RouteEntry[] {
  return routesOf(app.get(ModulesContainer));
}

/** The routes of the app's controllers, or only of those `only` lists, as `controllerRoutes`. */
export function routesOf(modules: ModulesContainer, only?: ReadonlySet<Type>): RouteEntry[] {
  const discovery = new DiscoveryService(modules);
  const scanner = new MetadataScanner();
  const byPath = new Map<string, Set<string>>();
  for (const { metatype, host } of discovery.getControllers()) {
    if (typeof metatype !== 'function' || (only && !only.has(metatype as Type))) continue;
    const modulePath = host
      ? ((Reflect.getMetadata(MODULE_PATH + modules.applicationId, host.metatype) as
          string | undefined) ?? '')
      : '';
    const prototype = metatype.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      for (const base of asList(Reflect.getMetadata(PATH_METADATA, metatype)))
        for (const path of asList(Reflect.getMetadata(PATH_METADATA, handler)))
          addRoute(byPath, joinPath(modulePath, base, path), RequestMethod[method]);
    }
  }
  return [...byPath].map(([path, methods]) => ({ path, methods }));
}

function addRoute(byPath: Map<string, Set<string>>, path: string, method: string): void {
  const methods = byPath.get(path) ?? new Set<string>();
  methods.add(method);
  byPath.set(path, methods);
}
