import { checkOutputExpander } from './check-output';
import { configExpander } from './config';
import { dataloaderExpander, datasaverExpander } from './data-loader';
import { loadFromExpander } from './load-from';
import { saveToExpander } from './save-to';
import { doesExpander } from './does';
import type { NodeExpander } from './expansion';
import { extractColumnsExpander } from './extract-columns';
import { extractFieldsExpander } from './extract-fields';
import { injectExpander } from './inject';
import { parameterizeExpanders } from './parameterize';
import { parameterizeExtractColumnsExpander } from './parameterize-extract-columns';
import { pipeExpander } from './pipe';
import { pipeOutputExpander } from './pipe-output';
import { parameterizedSubdagExpander } from './parameterized-subdag';
import { schemaOutputExpander } from './schema';
import { subdagExpander } from './subdag';
import { tagExpander } from './tag';
import { unpackFieldsExpander } from './unpack-fields';
import { withColumnsExpander } from './with-columns';

/** Every decorator's expander, by the kind its decorator records. */
export const EXPANDERS: ReadonlyMap<string, NodeExpander> = new Map(
  ([
    configExpander, doesExpander, subdagExpander, parameterizedSubdagExpander, injectExpander, pipeExpander, pipeOutputExpander,
    ...parameterizeExpanders, parameterizeExtractColumnsExpander, extractColumnsExpander, extractFieldsExpander, unpackFieldsExpander, checkOutputExpander,
    schemaOutputExpander, tagExpander, withColumnsExpander,
    loadFromExpander, saveToExpander, dataloaderExpander, datasaverExpander,
  ] as NodeExpander[]).map((e) => [e.kind, e]),
);
