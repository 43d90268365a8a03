/** Write settings the connection adds unless the URI sets them itself. */
export interface WriteDefaults {
  retryWrites?: true;
  writeConcern?: { w: 'majority' };
}

/**
 * Atlas's own connection strings carry `retryWrites=true&w=majority`; a URI written by hand
 * may not. Both are applied here unless the URI names them, because options given to the
 * driver override the URI's, and a URI that says otherwise (`w=1`) was written on purpose.
 * A write is then acknowledged once most of the replica set has it, so a primary's failover
 * does not lose an accepted message, and a write cut off by a failover is retried once.
 */
export function writeDefaultsFor(uri: string): WriteDefaults {
  const query = uri.includes('?') ? uri.slice(uri.indexOf('?') + 1) : '';
  // URI option names are case-insensitive (retrywrites=true is valid).
  const named = new Set(query.split('&').map((pair) => pair.split('=')[0].toLowerCase()));
  return {
    ...(named.has('retrywrites') ? {} : { retryWrites: true }),
    ...(named.has('w') ? {} : { writeConcern: { w: 'majority' } }),
  };
}
