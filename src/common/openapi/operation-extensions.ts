import { METHOD_METADATA } from '@nestjs/common/constants';
import { DECORATORS } from '@nestjs/swagger';

/**
 * Operation facts that the document's finishing pass turns into responses and security
 * (see openapi-document.ts). They ride on `@nestjs/swagger`'s own extension metadata, merged
 * rather than replaced, so a controller-wide and a method's own declaration add up.
 */
export const EXTENSION = {
  errors: 'x-loket-errors',
  isPublic: 'x-loket-public',
  roles: 'x-loket-roles',
  throttled: 'x-loket-throttled',
} as const;

type ExtensionValue = readonly unknown[] | boolean;

function merge(target: object, key: string, value: ExtensionValue): void {
  const extensions = (Reflect.getMetadata(DECORATORS.API_EXTENSION, target) ?? {}) as Record<string, unknown>;
  const existing = extensions[key];
  const merged =
    Array.isArray(existing) && Array.isArray(value)
      ? [...(existing as unknown[]), ...(value as readonly unknown[])]
      : value;
  Reflect.defineMetadata(DECORATORS.API_EXTENSION, { ...extensions, [key]: merged }, target);
}

/** A decorator for a route method or a whole controller that adds `value` under `key` to each operation. */
export function OperationExtension(key: string, value: ExtensionValue): ClassDecorator & MethodDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      merge(descriptor.value as object, key, value);
      return;
    }
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (name !== 'constructor' && typeof method === 'function' && Reflect.hasMetadata(METHOD_METADATA, method)) {
        merge(method, key, value);
      }
    }
  };
}
