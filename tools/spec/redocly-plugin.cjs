// Redocly CLI plugin "convilyn": the house rules of openapi/convilyn.yaml that Redocly's built-in
// and configurable rules cannot express. Loaded by .redocly.yaml; run with `make lint-spec`.
//
//   convilyn/property-casing           property and path/query parameter names are camelCase, except
//                                      the snake_case families documented in WIRE.md (configured in
//                                      .redocly.yaml by operation, plus single named properties and
//                                      query parameters)
//   convilyn/no-inline-object-schemas  an object schema with `properties` lives in components.schemas
//                                      and is used through $ref (generators then give it a stable name)
//   convilyn/error-responses-declared  every operation declares error responses whose JSON body is the
//                                      shared error schema: 401 and 429 where a key is needed, 404 where
//                                      a path names a resource, 422 where a request can be invalid
'use strict';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const CAMEL = /^[a-z][a-zA-Z0-9]*$/;
const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

function decodePointerToken(token) {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

// Resolve a local '#/...' reference in the root document; anything else resolves to undefined.
function resolveLocal(root, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  let node = root;
  for (const token of ref.slice(2).split('/').map(decodePointerToken)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[token];
  }
  return node;
}

function deref(root, node) {
  let guard = 0;
  while (node && typeof node === 'object' && typeof node.$ref === 'string' && guard++ < 20) {
    node = resolveLocal(root, node.$ref);
  }
  return node;
}

function* operations(root) {
  for (const [path, item] of Object.entries(root.paths || {})) {
    if (!item || typeof item !== 'object') continue;
    for (const method of HTTP_METHODS) {
      if (item[method]) yield { path, method, item, op: item[method] };
    }
  }
}

// Sub-schemas of a schema, with their path relative to it.
function* subSchemas(schema) {
  if (!schema || typeof schema !== 'object') return;
  for (const key of ['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else', 'unevaluatedProperties', 'unevaluatedItems']) {
    if (schema[key] && typeof schema[key] === 'object') yield [[key], schema[key]];
  }
  for (const key of ['properties', 'patternProperties', 'dependentSchemas', '$defs']) {
    if (schema[key] && typeof schema[key] === 'object') {
      for (const [name, sub] of Object.entries(schema[key])) yield [[key, name], sub];
    }
  }
  for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) {
    if (Array.isArray(schema[key])) {
      for (let i = 0; i < schema[key].length; i++) yield [[key, i], schema[key][i]];
    }
  }
}

// Names of the component schemas reachable from `start` through $refs (start included if named).
function reachableSchemaNames(root, start, names = new Set()) {
  const stack = [start];
  const seen = new Set();
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (typeof node.$ref === 'string') {
      const match = SCHEMA_REF.exec(node.$ref);
      if (match) names.add(decodePointerToken(match[1]));
      stack.push(resolveLocal(root, node.$ref));
      continue;
    }
    for (const value of Array.isArray(node) ? node : Object.values(node)) stack.push(value);
  }
  return names;
}

// Walk every schema of the document (components and inline ones), calling visit(schema, pathArray).
function walkSchemas(root, visit) {
  const walk = (schema, path) => {
    if (!schema || typeof schema !== 'object' || schema.$ref) return;
    visit(schema, path);
    for (const [rel, sub] of subSchemas(schema)) walk(sub, path.concat(rel));
  };
  for (const [name, schema] of Object.entries((root.components || {}).schemas || {})) {
    walk(schema, ['components', 'schemas', name]);
  }
  const walkContent = (content, path) => {
    for (const [mediaType, media] of Object.entries(content || {})) {
      if (media && media.schema) walk(media.schema, path.concat(['content', mediaType, 'schema']));
    }
  };
  const walkParameters = (params, path) => {
    (params || []).forEach((param, i) => {
      if (param && !param.$ref && param.schema) walk(param.schema, path.concat(['parameters', i, 'schema']));
    });
  };
  for (const { path, method, item, op } of operations(root)) {
    const base = ['paths', path, method];
    walkParameters(item.parameters, ['paths', path]);
    walkParameters(op.parameters, base);
    if (op.requestBody && !op.requestBody.$ref) walkContent(op.requestBody.content, base.concat(['requestBody']));
    for (const [code, response] of Object.entries(op.responses || {})) {
      if (response && !response.$ref) walkContent(response.content, base.concat(['responses', code]));
    }
  }
  const components = root.components || {};
  for (const [name, response] of Object.entries(components.responses || {})) {
    walkContent(response.content, ['components', 'responses', name]);
  }
  for (const [name, body] of Object.entries(components.requestBodies || {})) {
    walkContent(body.content, ['components', 'requestBodies', name]);
  }
  for (const [name, param] of Object.entries(components.parameters || {})) {
    if (param.schema) walk(param.schema, ['components', 'parameters', name, 'schema']);
  }
}

function PropertyCasing(opts) {
  const families = opts.snakeCaseFamilies || [];
  const allowedProperties = new Set(opts.snakeCaseProperties || []);
  const allowedParameters = new Set(opts.snakeCaseParameters || []); // 'operationId.name'
  return {
    Root: {
      enter(root, ctx) {
        // Component schemas whose properties are snake_case on the wire.
        const snakeSchemas = new Set();
        const byId = new Map();
        for (const entry of operations(root)) if (entry.op.operationId) byId.set(entry.op.operationId, entry.op);
        for (const family of families) {
          const op = byId.get(family.operationId);
          if (!op) {
            ctx.report({ message: `snake_case family names unknown operationId "${family.operationId}" (fix .redocly.yaml).`, location: ctx.location.child(['paths']) });
            continue;
          }
          const parts = family.in === 'requestBody' ? [op.requestBody] : Object.entries(op.responses || {}).filter(([code]) => /^2/.test(code)).map(([, r]) => r);
          for (const part of parts) {
            const resolved = deref(root, part);
            for (const media of Object.values((resolved && resolved.content) || {})) {
              if (media && media.schema) reachableSchemaNames(root, media.schema, snakeSchemas);
            }
          }
        }
        walkSchemas(root, (schema, path) => {
          if (!schema.properties || typeof schema.properties !== 'object') return;
          const owner = path[0] === 'components' && path[1] === 'schemas' ? path[2] : null;
          for (const name of Object.keys(schema.properties)) {
            if (owner && allowedProperties.has(`${owner}.${name}`)) {
              if (!SNAKE.test(name)) ctx.report({ message: `Property "${name}" is listed as snake_case but is not.`, location: ctx.location.child(path.concat(['properties', name])).key() });
              continue;
            }
            if (owner && snakeSchemas.has(owner)) {
              if (!SNAKE.test(name)) {
                ctx.report({ message: `Property "${name}" of ${owner} must be snake_case: ${owner} belongs to a snake_case family (see WIRE.md).`, location: ctx.location.child(path.concat(['properties', name])).key() });
              }
              continue;
            }
            if (!CAMEL.test(name)) {
              ctx.report({
                message: `Property "${name}" must be camelCase${owner ? ` (schema ${owner})` : ''}; snake_case is allowed only in the documented families (WIRE.md, .redocly.yaml).`,
                location: ctx.location.child(path.concat(['properties', name])).key(),
              });
            }
          }
        });
        // Path and query parameter names.
        const checkParams = (params, path, operationId) => {
          (params || []).forEach((param, i) => {
            const p = deref(root, param);
            if (!p || (p.in !== 'path' && p.in !== 'query')) return;
            if (operationId && allowedParameters.has(`${operationId}.${p.name}`)) {
              if (!SNAKE.test(p.name)) ctx.report({ message: `${p.in} parameter "${p.name}" is listed as snake_case but is not.`, location: ctx.location.child(path.concat(['parameters', i])) });
              return;
            }
            if (!CAMEL.test(p.name)) {
              ctx.report({ message: `${p.in} parameter "${p.name}" must be camelCase.`, location: ctx.location.child(path.concat(['parameters', i])) });
            }
          });
        };
        for (const { path, method, item, op } of operations(root)) {
          checkParams(item.parameters, ['paths', path]);
          checkParams(op.parameters, ['paths', path, method], op.operationId);
        }
      },
    },
  };
}

function NoInlineObjectSchemas() {
  const named = (schema) => schema && typeof schema === 'object' && typeof schema.$ref === 'string';
  return {
    Root: {
      enter(root, ctx) {
        walkSchemas(root, (schema, path) => {
          const isComponent = path.length === 3 && path[0] === 'components' && path[1] === 'schemas';
          if (isComponent) return;
          if (schema.properties && Object.keys(schema.properties).length > 0) {
            ctx.report({ message: 'Inline object schema: move it to components.schemas and use $ref.', location: ctx.location.child(path) });
            return;
          }
          // A request or response body is a named schema, or a plain array of one.
          const isBody = path[path.length - 1] === 'schema' && path[path.length - 3] === 'content';
          if (isBody && !(schema.type === 'array' && named(schema.items) && Object.keys(schema).every((k) => ['type', 'items', 'description'].includes(k)))) {
            ctx.report({ message: 'Inline body schema: $ref a schema of components.schemas (or an array of one).', location: ctx.location.child(path) });
          }
        });
      },
    },
  };
}

function ErrorResponsesDeclared(opts) {
  const errorSchema = opts.errorSchema || 'ErrorResponse';
  const errorRef = `#/components/schemas/${errorSchema}`;
  return {
    Root: {
      enter(root, ctx) {
        const globalSecurity = root.security || [];
        for (const { path, method, item, op } of operations(root)) {
          const loc = ctx.location.child(['paths', path, method, 'responses']);
          const responses = op.responses || {};
          const codes = Object.keys(responses);
          const errors = codes.filter((code) => /^[45]/.test(code));
          const name = op.operationId || `${method.toUpperCase()} ${path}`;
          if (errors.length === 0) {
            ctx.report({ message: `${name} declares no error response (4XX/5XX).`, location: loc });
            continue;
          }
          const security = op.security !== undefined ? op.security : globalSecurity;
          const secured = security.length > 0 && !security.some((req) => Object.keys(req).length === 0);
          const params = (item.parameters || []).concat(op.parameters || []).map((p) => deref(root, p)).filter(Boolean);
          const required = new Set();
          if (secured) for (const code of opts.securedRequires || ['401', '429']) required.add(code);
          if (params.some((p) => p.in === 'path')) for (const code of opts.pathParameterRequires || ['404']) required.add(code);
          if (op.requestBody || params.some((p) => p.in === 'query' || p.in === 'header'))
            for (const code of opts.inputRequires || ['422']) required.add(code);
          for (const code of required) {
            if (!codes.includes(code) && !codes.includes(`${code[0]}XX`)) {
              ctx.report({ message: `${name} must declare a ${code} response.`, location: loc });
            }
          }
          for (const code of errors) {
            const response = deref(root, responses[code]);
            const content = (response && response.content) || {};
            const json = content['application/json'];
            if (!json || !json.schema || json.schema.$ref !== errorRef) {
              ctx.report({ message: `${name} ${code}: the application/json body must be $ref ${errorRef}.`, location: ctx.location.child(['paths', path, method, 'responses', code]) });
            }
          }
        }
      },
    },
  };
}

module.exports = function convilynPlugin() {
  return {
    id: 'convilyn',
    rules: {
      oas3: {
        'property-casing': PropertyCasing,
        'no-inline-object-schemas': NoInlineObjectSchemas,
        'error-responses-declared': ErrorResponsesDeclared,
      },
    },
  };
};

