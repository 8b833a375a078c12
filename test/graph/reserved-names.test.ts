import { Builder, dataflow, inject, ModuleDefinitionError, parameterizeValues, RecordResult, subdag, value } from 'hamilton-ts';

// Names that plain objects inherit from Object.prototype must be ordinary node and input names.
@dataflow()
class Inherited {
  toString(constructor: number): number {
    return constructor + 1;
  }

  hasOwnProperty(toString: number): number {
    return toString * 2;
  }

  valueOf(hasOwnProperty: number, isPrototypeOf = 5): number {
    return hasOwnProperty * 10 + isPrototypeOf;
  }
}

// (A class of its own: a decorated class's toString must fit Object's, for TypeScript.)
@dataflow()
class Bound {
  @inject({ scale: value(10) })
  scaled(toString: number, scale: number): number {
    return toString * scale;
  }
}

@dataflow()
class Inner {
  propertyIsEnumerable(toLocaleString: number): number {
    return toLocaleString * 3;
  }
}

@dataflow()
class Outer {
  @subdag(Inner)
  wrapped(propertyIsEnumerable: number): number {
    return propertyIsEnumerable;
  }
}

describe('names that objects inherit (constructor, toString, hasOwnProperty, …)', () => {
  test('are nodes and inputs like any other, in every result builder', async () => {
    const records = new Builder().withModules(Inherited).withResultBuilder(new RecordResult()).build();
    const outputs = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    expect(await records.execute(outputs, { inputs: { constructor: 1 } }))
      .toEqual({ constructor: 1, toString: 2, hasOwnProperty: 4, valueOf: 45 });
    const table = await new Builder().withModules(Inherited).build().execute(outputs, { inputs: { constructor: 1 } });
    expect(table.objects()).toEqual([{ constructor: 1, toString: 2, hasOwnProperty: 4, valueOf: 45 }]);
  });

  test('are parameters that decorators bind around', async () => {
    const dr = new Builder().withModules(Bound).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['scaled'], { inputs: { toString: 2 } })).toEqual({ scaled: 20 });
  });

  test('are inputs of reused dataflows', async () => {
    const dr = new Builder().withModules(Outer).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['wrapped'], { inputs: { toLocaleString: 2 } })).toEqual({ wrapped: 6 });
  });
});

test('a method named __proto__ is refused, naming it: it would replace the prototype link of every instance', () => {
  @dataflow()
  class Proto {
    __proto__(x: number): number {
      return x;
    }
  }
  expect(() => new Builder().withModules(Proto).build()).toThrow(ModuleDefinitionError);
  expect(() => new Builder().withModules(Proto).build()).toThrow("Proto.__proto__: a method named '__proto__' can be neither a node nor an input");
});

test('a parameter or a decorator-made node named __proto__ is refused, naming its method', () => {
  @dataflow()
  class ProtoInput {
    one(__proto__: number): number {
      return __proto__;
    }
  }
  expect(() => new Builder().withModules(ProtoInput).build()).toThrow("ProtoInput.one: node 'one' reads a parameter named '__proto__'");
  @dataflow()
  class ProtoNode {
    @parameterizeValues('x', { ['__proto__']: 1 })
    made(x: number): number {
      return x;
    }
  }
  expect(() => new Builder().withModules(ProtoNode).build()).toThrow("ProtoNode.made: a node named '__proto__'");
});
