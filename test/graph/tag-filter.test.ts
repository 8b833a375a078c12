import { Builder, dataflow, InvalidRequestError, tag } from 'hamilton-ts';

@dataflow()
class Tagged {
  @tag({ owner: 'growth' })
  a(): number {
    return 1;
  }

  b(): number {
    return 2;
  }
}

const dr = new Builder().withModules(Tagged).build();
const names = (tags: object) => dr.listAvailableVariables({ tags: tags as never }).map((v) => v.name);

describe('listAvailableVariables({ tags })', () => {
  test('null, as Hamilton\'s None, selects the nodes that have the tag, whatever its value (as true does)', () => {
    expect(names({ owner: null })).toEqual(['a']);
    expect(names({ owner: true })).toEqual(['a']);
  });

  test.each([
    [5, 'a number (5)'],
    [false, 'a boolean (false)'],
    [{ any: true }, 'an object'],
    [['growth', 1], 'an array holding a number (1)'],
  ])('a filter value %p is an InvalidRequestError naming the key and what a value can be', (wanted, got) => {
    expect(() => names({ owner: wanted })).toThrow(InvalidRequestError);
    expect(() => names({ owner: wanted })).toThrow(
      `listAvailableVariables(filter): tags.owner is ${got}: a tag filter value is a string, an array of strings (any of them), or true or null (any value)`,
    );
  });

  test('tags that are no record are refused', () => {
    expect(() => names('owner' as never)).toThrow("listAvailableVariables(filter): tags must be a record of tag keys to wanted values ({ owner: 'growth' }), got a string (owner)");
  });
});
