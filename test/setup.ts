/**
 * Property tests run from one fixed seed, so a CI run is repeatable and a
 * failure can be replayed. Explore new inputs with FC_SEED=random (or a number).
 */
import fc from 'fast-check';

const requested = process.env.FC_SEED;
if (requested !== 'random') fc.configureGlobal({ seed: requested ? Number(requested) : 20_261_126 });
