import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

// No Loket request nests deeper than a few levels; class-transformer recurses, so a deep body would overflow its stack.
const MAX_DEPTH = 16;

/** Refuses request bodies nested deeper than any Loket request, before validation walks them. */
@Injectable()
export class JsonDepthPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' && tooDeep(value)) {
      throw new BadRequestException(`Request body is nested more than ${MAX_DEPTH} levels deep`);
    }
    return value;
  }
}

function tooDeep(root: unknown): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}
