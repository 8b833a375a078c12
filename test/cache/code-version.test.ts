import * as ts from 'typescript';
import { Builder, dataflow, does, nodeCodeVersion, parameterize, RecordResult, resolve, value } from 'hamilton-ts';
import { methodCodeVersion } from '../../transformer/code-version';
import { readMethodMetadata } from '../../runtime/contract/node-metadata';
import { decisions, tempCacheDir } from './temp-cache';

/** The code version of method `m` of class `C` in this source text, as the transformer stamps it. */
function versionOf(source: string): string {
  const file = ts.createSourceFile('flow.ts', source, ts.ScriptTarget.Latest, true);
  let found: ts.MethodDeclaration | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isMethodDeclaration(node) && node.name.getText(file) === 'm') found = node;
    ts.forEachChild(node, visit);
  };
  visit(file);
  return methodCodeVersion(ts, found!, file);
}

@dataflow()
class ConfigResolved {
  @resolve((config) => parameterize({ scaled: { factor: value(config.factor) } }))
  scaled(x: number, factor: number): number {
    return x * factor;
  }
}

const BASE = `class C {
  /** Doubles. */
  @tag({ owner: 'a' })
  m(x: number): number {
    return x * 2; // twice
  }
}`;

describe('code versions', () => {
  test('the transformer\'s version ignores comments, JSDoc and layout, and changes with the body, the signature or a decorator\'s arguments', () => {
    const base = versionOf(BASE);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(versionOf(BASE.replace('/** Doubles. */', '/** Twice x. */').replace('// twice', '').replace('return x', 'return   x'))).toBe(base);
    expect(versionOf(BASE.replace('x * 2', 'x * 3'))).not.toBe(base);
    expect(versionOf(BASE.replace('x: number)', 'x: number, y = 1)'))).not.toBe(base);
    expect(versionOf(BASE.replace("owner: 'a'", "owner: 'b'"))).not.toBe(base);
  });

  test('the transformer stamps it on each node method\'s metadata', () => {
    @dataflow()
    class Stamped {
      m(x: number): number {
        return x;
      }
    }
    expect(readMethodMetadata(Stamped.prototype, 'm')!.codeVersion).toMatch(/^[0-9a-f]{16}$/);
  });

  test('a function @does delegates to is part of the version: same method text, another function, another version and a miss', async () => {
    const make = (impl: (args: { a: number }) => number) => {
      @dataflow()
      class Delegating {
        @does(impl)
        total(a: number): number {
          return a;
        }
      }
      return Delegating;
    };
    const One = make(({ a }) => a + 1);
    const Two = make(({ a }) => a + 2);
    const stamped = (cls: Function) => readMethodMetadata(cls.prototype as object, 'total')!.codeVersion;
    expect(stamped(One)).toBe(stamped(Two));
    const nodeOf = (cls: Function) => new Builder().withModules(cls).build().graph.nodes.get('total')!;
    expect(nodeCodeVersion(nodeOf(One))).not.toBe(nodeCodeVersion(nodeOf(Two)));
    const path = tempCacheDir();
    const build = (cls: Function) => new Builder().withModules(cls).withResultBuilder(new RecordResult()).withCache({ path }).build();
    expect((await build(One).execute(['total'], { inputs: { a: 1 } })).total).toBe(2);
    const two = build(Two);
    expect((await two.execute(['total'], { inputs: { a: 1 } })).total).toBe(3);
    expect(decisions(two)).toEqual({ total: 'miss' });
    const again = build(make(({ a }) => a + 2));
    await again.execute(['total'], { inputs: { a: 1 } });
    expect(decisions(again)).toEqual({ total: 'hit' });
  });

  test('values @resolve binds from the config are part of the version: another config value, a miss; the same one, a hit', async () => {
    const path = tempCacheDir();
    const build = (factor: number) => new Builder().withModules(ConfigResolved).withConfig({ factor }).withResultBuilder(new RecordResult()).withCache({ path }).build();
    const version = (factor: number) => nodeCodeVersion(build(factor).graph.nodes.get('scaled')!);
    expect(version(2)).not.toBe(version(3));
    expect(version(2)).toBe(version(2));
    expect((await build(2).execute(['scaled'], { inputs: { x: 10 } })).scaled).toBe(20);
    const three = build(3);
    expect((await three.execute(['scaled'], { inputs: { x: 10 } })).scaled).toBe(30);
    expect(decisions(three)).toEqual({ scaled: 'miss' });
    const again = build(2);
    expect((await again.execute(['scaled'], { inputs: { x: 10 } })).scaled).toBe(20);
    expect(decisions(again)).toEqual({ scaled: 'hit' });
  });

  test('without the transformer the compiled text is hashed: another body, another version', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const A = dataflow()(class Plain {
      m(x: number): number {
        return x * 2;
      }
    });
    const B = dataflow()(class Plain {
      m(x: number): number {
        return x * 3;
      }
    });
    const version = (cls: Function) => nodeCodeVersion(new Builder().withModules(cls).build().graph.nodes.get('m')!);
    expect(version(A)).not.toBe(version(B));
    expect(version(A)).toBe(version(A));
    warn.mockRestore();
  });
});
